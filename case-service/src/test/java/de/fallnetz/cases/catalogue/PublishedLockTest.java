package de.fallnetz.cases.catalogue;

import static de.fallnetz.cases.catalogue.PublishedLock.CATALOGUE;
import static de.fallnetz.cases.catalogue.PublishedLock.LOCK;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublishedLockTest {

    @TempDir
    Path copy;

    @Test
    void shouldFindEveryPublishedVersionExactlyAsItWasLocked() {
        assertThat(PublishedLock.problems(CATALOGUE)).isEmpty();
    }

    @Test
    void shouldFailWhenAPublishedVersionIsEdited() throws IOException {
        copyCatalogue();
        Files.writeString(copy.resolve("BLUE_CARD/v1.yaml"), "# an innocent edit\n", StandardOpenOption.APPEND);

        assertThat(PublishedLock.problems(copy)).singleElement().asString()
                .startsWith("BLUE_CARD/v1.yaml changed after it was published")
                .endsWith("publish a new version instead");
    }

    @Test
    void shouldFailWhenAPublishedVersionHasNoLockEntryAndSayWhichLineToAdd() throws IOException {
        copyCatalogue();
        Path lock = copy.resolve(LOCK);
        Files.write(lock, Files.readAllLines(lock).stream().filter(l -> !l.endsWith("WESTERN_BALKANS/v2.yaml"))
                .toList());

        assertThat(PublishedLock.problems(copy)).singleElement().asString()
                .startsWith("WESTERN_BALKANS/v2.yaml is PUBLISHED but not in published.lock")
                .contains(PublishedLock.line(copy, "WESTERN_BALKANS/v2.yaml"));
    }

    @Test
    void shouldFailWhenAPublishedVersionIsTurnedBackIntoADraft() throws IOException {
        copyCatalogue();
        Path file = copy.resolve("STUDENT/v1.yaml");
        Files.writeString(file, Files.readString(file).replace("status: PUBLISHED", "status: DRAFT"));

        assertThat(PublishedLock.problems(copy)).singleElement().asString()
                .startsWith("STUDENT/v1.yaml is in published.lock but is no longer a PUBLISHED file");
    }

    @Test
    void shouldLetADraftChangeFreely() throws IOException {
        copyCatalogue();
        Files.writeString(copy.resolve("SKILLED_WORKER_VOCATIONAL/v2.yaml"), "# still a draft\n",
                StandardOpenOption.APPEND);

        assertThat(PublishedLock.problems(copy)).isEmpty();
    }

    private void copyCatalogue() throws IOException {
        try (Stream<Path> files = Files.walk(CATALOGUE)) {
            for (Path source : files.toList()) {
                Path target = copy.resolve(CATALOGUE.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}

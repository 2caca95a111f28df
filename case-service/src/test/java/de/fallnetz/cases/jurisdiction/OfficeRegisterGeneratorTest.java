package de.fallnetz.cases.jurisdiction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/** The committed register data is what the generator makes of the project's postal-code file. */
class OfficeRegisterGeneratorTest {

    /** The project's shared data, beside the repository (as on developers' machines and in CI). */
    static final Path SOURCE = Path.of("..", "..", "shared", "data", "postal-codes-de.csv");
    static final Path RESOURCES = Path.of("src", "main", "resources", "jurisdiction");

    @Test
    @EnabledIf("sourceIsThere")
    void shouldHaveGeneratedTheRegisterFromTheCurrentPostalCodeFile(@TempDir Path dir) throws IOException {
        Files.copy(RESOURCES.resolve("offices.yaml"), dir.resolve("offices.yaml"));

        OfficeRegisterGenerator.generate(SOURCE, dir);

        for (String file : new String[] { "offices.yaml", "postal-codes.csv" }) {
            assertThat(Files.readAllLines(dir.resolve(file))).as(file)
                    .isEqualTo(Files.readAllLines(RESOURCES.resolve(file)));
        }
    }

    static boolean sourceIsThere() {
        return Files.isRegularFile(SOURCE);
    }
}

package de.fallnetz.cases.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;

import org.junit.jupiter.api.Test;

class CatalogueDocsTest {

    @Test
    void shouldKeepTheGeneratedCatalogueTableInDocsUpToDate() throws IOException {
        String generated = CatalogueDocs.generate();
        if ("true".equals(System.getenv(CatalogueDocs.WRITE_ENV))
                || Boolean.getBoolean("catalogue.docs.write")) {
            Files.writeString(CatalogueDocs.DOC, generated);
        }
        String committed = Files.exists(CatalogueDocs.DOC) ? Files.readString(CatalogueDocs.DOC) : "";

        assertThat(committed).as("docs/catalogue.md is stale: rewrite it with " + CatalogueDocs.WRITE_ENV
                + "=true ./mvnw -B -ntp -q -pl case-service -am test -Dtest=CatalogueDocsTest "
                + "-Dsurefire.failIfNoSpecifiedTests=false").isEqualTo(generated);
    }
}

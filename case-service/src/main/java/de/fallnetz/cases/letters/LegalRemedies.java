package de.fallnetz.cases.letters;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The instructions on legal remedies (Rechtsbehelfsbelehrung) of a refusal, per Land, from
 * {@code letters/legal-remedies.yaml}.
 */
final class LegalRemedies {

    static final String RESOURCE = "letters/legal-remedies.yaml";

    private final RemedyFile file;

    private LegalRemedies(RemedyFile file) {
        this.file = file;
        if (!file.texts().containsKey(file.defaultRemedy())) {
            throw new IllegalStateException(RESOURCE + " has no text for " + file.defaultRemedy());
        }
        file.lands().forEach((land, remedy) -> {
            if (!file.texts().containsKey(remedy)) {
                throw new IllegalStateException(RESOURCE + " has no text for " + remedy + " (" + land + ")");
            }
        });
    }

    static LegalRemedies fromClasspath() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + RESOURCE);
            }
            return new LegalRemedies(new YAMLMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                    .readValue(in, RemedyFile.class));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }

    /** The instruction for a refusal by this office in this Land (null when the Land is not known). */
    String text(String land, String officeId, String officeName) {
        String remedy = land == null ? file.defaultRemedy() : file.lands().getOrDefault(land, file.defaultRemedy());
        String court = file.courts().getOrDefault(officeId, file.defaultCourt());
        return file.texts().get(remedy).replace("{court}", court).replace("{office}", officeName);
    }

    /** The shape of the file. */
    record RemedyFile(String defaultRemedy, Map<String, String> lands, Map<String, String> texts,
            String defaultCourt, Map<String, String> courts) {
    }
}

package de.fallnetz.interactions.domain;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings every interaction service shares ({@code fallnetz.interactions.*}). */
@ConfigMapping(prefix = "fallnetz.interactions")
public interface InteractionConfig {

    /** How often due timers are looked for (a duration such as {@code 1s}). */
    @WithDefault("1s")
    String deadlinePoll();

    /** The largest document a partner may upload, in bytes (10 MB). */
    @WithDefault("10485760")
    long maxDocumentBytes();
}

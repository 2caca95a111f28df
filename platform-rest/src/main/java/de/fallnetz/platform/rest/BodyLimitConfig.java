package de.fallnetz.platform.rest;

import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithName;

/**
 * {@code fallnetz.http.body-limit.*}: the largest body per route ({@link BodyLimitRoute}). Without any of it every
 * route takes {@code quarkus.http.limits.max-body-size}. A service with a few routes for large bodies (the gateway's
 * document uploads) raises Quarkus's limit to the largest of them, keeps {@code default} small and names the others:
 * {@code routes.<name>.path} (a regular expression for the whole path) and {@code routes.<name>.max}.
 */
@ConfigMapping(prefix = "fallnetz.http.body-limit")
public interface BodyLimitConfig {

    /** The limit of every route not named in {@link #routes()}; {@code quarkus.http.limits.max-body-size} if unset. */
    @WithName("default")
    @WithConverter(MemorySizeConverter.class)
    Optional<MemorySize> defaultLimit();

    /** Routes with a limit of their own, by a name that only says what they are. */
    Map<String, Route> routes();

    /** One route: its path (the whole path must match) and its limit. */
    interface Route {

        String path();

        @WithConverter(MemorySizeConverter.class)
        MemorySize max();
    }
}

package de.fallnetz.gateway.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code fallnetz.gateway.*}: how the gateway behaves towards its clients. */
@ConfigMapping(prefix = "fallnetz.gateway")
public interface GatewayConfig {

    /**
     * The {@code Retry-After} a client is told when a downstream service cannot be reached: long enough for a
     * restarting service to become ready, short enough for a clerk waiting at the counter.
     */
    @WithDefault("5s")
    Duration retryAfter();
}

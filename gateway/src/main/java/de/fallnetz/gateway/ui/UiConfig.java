package de.fallnetz.gateway.ui;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the clerks' web application. */
@ConfigMapping(prefix = "fallnetz.gateway.ui")
public interface UiConfig {

    /** How long the bell waits for notification-service before it shows none. */
    @WithDefault("1s")
    Duration notificationsTimeout();

    /** How long a page waits before it opens the live events again after notification-service was unreachable. */
    @WithDefault("30s")
    Duration eventsRetry();

    /** Sign-ins one client address may start at once (SignInRateLimiter). */
    @WithDefault("10")
    int signInBurst();

    /** Sign-ins one client address may start per minute in the long run. */
    @WithDefault("10")
    int signInPerMinute();
}

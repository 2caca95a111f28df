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

    /**
     * After a partner's answer or a deemed consent, the case page is told twice: at once and again after this
     * long. case-service applies the same partner event on its own consumer, usually a moment later than
     * notification-service, and a page that fetched itself too early would otherwise keep the old state.
     */
    @WithDefault("3s")
    Duration eventsRecheck();

    /**
     * How long notification-service's live stream may stay silent before the gateway takes it for dead and tells the
     * page to reconnect: three of its heartbeats ({@code fallnetz.notifications.clerk-stream-heartbeat}, 15 s).
     */
    @WithDefault("45s")
    Duration eventsSilence();

    /** Sign-ins one client address may start at once (SignInRateLimiter). */
    @WithDefault("10")
    int signInBurst();

    /** Sign-ins one client address may start per minute in the long run. */
    @WithDefault("10")
    int signInPerMinute();
}

package de.fallnetz.gateway.ui;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the clerks' web application. */
@ConfigMapping(prefix = "fallnetz.gateway.ui")
public interface UiConfig {

    /**
     * Where the notification bell asks for the clerk's notifications (notification-service, endpoint still to come:
     * {@code GET <url>?officeId=…&clerk=…} answering a JSON array of objects with {@code subject}). Unset: the bell
     * shows that there are none.
     */
    Optional<URI> notificationsUrl();

    /** How long the bell waits for notification-service before it shows none. */
    @WithDefault("1s")
    Duration notificationsTimeout();
}

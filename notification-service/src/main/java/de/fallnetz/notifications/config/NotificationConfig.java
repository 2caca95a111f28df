package de.fallnetz.notifications.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code fallnetz.notifications.*} */
@ConfigMapping(prefix = "fallnetz.notifications")
public interface NotificationConfig {

    /**
     * Language of a notification whose recipient prefers a language we have no texts in. Must be one of
     * {@link de.fallnetz.notifications.domain.ApplicantTexts#LANGUAGES}.
     */
    @WithDefault("de")
    String defaultLanguage();

    /** Where applicants open their status page; the token is appended. The gateway serves it. */
    @WithDefault("http://localhost:8080/status/")
    String statusPageUrl();

    StatusToken statusToken();

    Delivery delivery();

    Webhooks webhooks();

    Reminders reminders();

    /**
     * How often the clerks' live stream ({@code /api/clerk-notifications/stream}) sends a {@code heartbeat} event
     * while nothing happens, so that its reader can tell a quiet office from a dead connection (the gateway gives up
     * after three missed heartbeats) and proxies in between do not close it as idle.
     */
    @WithDefault("15s")
    Duration clerkStreamHeartbeat();

    interface StatusToken {

        /**
         * HMAC-SHA256 key of the status-page tokens (at least 32 characters). Without it, a random key per process:
         * links then end with a restart, which suits a local run only.
         */
        Optional<String> secret();

        /** How long a status link stays valid. */
        @WithDefault("P120D")
        Duration ttl();
    }

    interface Delivery {

        /** How often the sender worker looks for due messages ({@code @Scheduled} expression). */
        @WithDefault("1s")
        String pollInterval();

        /** Messages claimed per poll. */
        @WithDefault("20")
        int batchSize();

        /**
         * How long a claimed message is reserved for its sender: after a crash mid-delivery it is tried again once
         * this has passed (see the docs: at least once after a crash, narrowed by a stable Message-ID/webhook-id).
         */
        @WithDefault("2m")
        Duration lease();

        /** Wait before the first retry; doubled per attempt, with ±20 % jitter, up to {@link #maxBackoff()}. */
        @WithDefault("30s")
        Duration initialBackoff();

        @WithDefault("4h")
        Duration maxBackoff();

        /** Attempts before a message lands in the dead-letter list (with the defaults about a day). */
        @WithDefault("12")
        int maxAttempts();

        /**
         * Mails to one address within {@link #perRecipientWindow()}; more wait until the window has room (none is
         * dropped).
         */
        @WithDefault("30")
        int perRecipientLimit();

        @WithDefault("1h")
        Duration perRecipientWindow();
    }

    interface Webhooks {

        /** Whether targets must be https (true in production, see application.properties). */
        @WithDefault("false")
        boolean requireHttps();

        /** Timeout of one webhook call. */
        @WithDefault("10s")
        Duration timeout();
    }

    interface Reminders {

        /** The applicant is reminded this many working days (Monday to Friday) before documents are due. */
        @WithDefault("3")
        int workingDaysBefore();

        /**
         * When requested documents are due, counted from the request, for a documents-requested event without
         * {@code dueAt} (written before the field existed); newer events carry their own due date.
         */
        @WithDefault("P14D")
        Duration documentsDueAfter();

        /** How often due reminders are looked for ({@code @Scheduled} expression). */
        @WithDefault("1m")
        String scanInterval();
    }
}

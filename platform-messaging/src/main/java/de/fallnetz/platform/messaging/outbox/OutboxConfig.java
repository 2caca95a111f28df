package de.fallnetz.platform.messaging.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code fallnetz.outbox.*}: how a service publishes its events. */
@ConfigMapping(prefix = "fallnetz.outbox")
public interface OutboxConfig {

    /** CloudEvents {@code source} of every event this service publishes. */
    @WithDefault("/fallnetz/${quarkus.application.name}")
    String source();

    /**
     * Whether this process relays the outbox to Kafka. Turned off only to hold events back, e.g. in a test that
     * kills the service between commit and relay; events written meanwhile are sent when a relay runs again.
     */
    @WithDefault("true")
    boolean relayEnabled();

    /** How often the relay looks for unsent events besides the nudge it gets after each commit. */
    @WithDefault("1s")
    Duration pollInterval();

    /** Events sent per relay transaction. */
    @WithDefault("100")
    int batchSize();

    /**
     * How long the relay waits at most for Kafka to acknowledge a batch before it gives up and tries again later; a
     * backstop, as the relay's flush returns once the producer has an outcome for every record. Must be longer than
     * the outbox producer's {@code delivery.timeout.ms} (25 s in platform-messaging's defaults), so that the producer
     * has given up on every record of the batch before the relay does: nothing the relay abandoned is delivered later
     * behind its back.
     */
    @WithDefault("30s")
    Duration sendTimeout();

    /**
     * How often Kafka may refuse one event (too large, topic missing, timeouts) before the relay parks it: it stays
     * in the table with {@code parked_at} set, counted by {@code fallnetz.outbox.parked}, and is no longer sent.
     */
    @WithDefault("10")
    int maxAttempts();

    /** How often the relay's gauges ({@code fallnetz.outbox.pending}, {@code ...oldest.age}) are refreshed. */
    @WithDefault("5s")
    Duration gaugeInterval();

    /**
     * Readiness goes DOWN once the oldest event not yet acknowledged by Kafka is older than this: the service then
     * cannot do its work (a broker that hangs without refusing connections is noticed only this way).
     */
    @WithDefault("60s")
    Duration readyMaxAge();

    /** How long a sent event stays in the outbox table, for an operator tracing a case, before it is deleted. */
    @WithDefault("7d")
    Duration retention();
}

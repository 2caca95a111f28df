package de.fallnetz.platform.messaging.outbox;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * DOWN while events wait longer than {@code fallnetz.outbox.ready-max-age} for Kafka: the service accepts work it
 * cannot pass on. The Kafka channels' own checks notice a broker that refuses connections, not one that hangs.
 */
@Readiness
@ApplicationScoped
public class OutboxReadinessCheck implements HealthCheck {

    private final OutboxRelay relay;
    private final OutboxConfig config;

    public OutboxReadinessCheck(OutboxRelay relay, OutboxConfig config) {
        this.relay = relay;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        long age = relay.oldestUnsentAgeSeconds();
        return HealthCheckResponse.named("outbox relay").status(ready(config.relayEnabled(), age,
                config.readyMaxAge().toSeconds())).withData("oldestUnsentSeconds", age).build();
    }

    /** A relay switched off (tests, a second instance) never makes the service unready. */
    static boolean ready(boolean relayEnabled, long oldestUnsentSeconds, long maxAgeSeconds) {
        return !relayEnabled || oldestUnsentSeconds <= maxAgeSeconds;
    }
}

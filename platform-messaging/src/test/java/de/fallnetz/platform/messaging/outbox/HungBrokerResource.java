package de.fallnetz.platform.messaging.outbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import de.fallnetz.contracts.events.Topics;
import de.fallnetz.devstack.DevStack;
import de.fallnetz.devstack.FallnetzService;
import de.fallnetz.devstack.KafkaCluster;
import de.fallnetz.devstack.SharedStack;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The test application on the shared stack's database, but with a Kafka of its own: one broker in its own process,
 * so that a test can freeze it (SIGSTOP) without touching the broker every other test shares. Its process ID is
 * passed as {@value #PID}.
 */
public class HungBrokerResource implements QuarkusTestResourceLifecycleManager {

    static final String PID = "fallnetz.test.kafka-pid";

    private KafkaCluster kafka;
    private Path dir;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("fallnetz-hung-broker");
            kafka = KafkaCluster.start(dir, 1, 0, 0);
            kafka.createTopics(Topics.ALL, Topics.PARTITIONS);
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("could not start the test's own Kafka broker", e);
        }
        Map<String, String> properties = new LinkedHashMap<>(
                FallnetzService.OFFICE_TRANSFER.testProperties(SharedStack.endpoints()));
        properties.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        properties.put(PID, String.valueOf(kafka.pid(0)));
        // Readiness is to notice within seconds, not the production minute.
        properties.put("fallnetz.outbox.ready-max-age", "3s");
        properties.put("fallnetz.outbox.gauge-interval", "1s");
        return properties;
    }

    @Override
    public void stop() {
        if (kafka != null) {
            kafka.close();
        }
        if (dir != null) {
            DevStack.deleteQuietly(dir);
        }
    }
}

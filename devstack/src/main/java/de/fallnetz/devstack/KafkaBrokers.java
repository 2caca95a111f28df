package de.fallnetz.devstack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The Kafka of a running stack: today's single broker inside this JVM, or a cluster of three broker processes. The
 * services see only the bootstrap servers, so they run unchanged on either.
 */
public interface KafkaBrokers extends AutoCloseable {

    /**
     * How many Kafka nodes the stack starts: {@code 1} (default) or {@code 3}; the environment variable, or the
     * system property {@code fallnetz.kafka.brokers}.
     */
    String SETTING = "FALLNETZ_KAFKA_BROKERS";

    String bootstrapServers();

    /** Creates the topics that do not exist yet; existing ones are left as they are. */
    void createTopics(Collection<String> names, int partitions) throws Exception;

    @Override
    void close();

    /** The number of nodes the setting asks for; anything but 1 or 3 is refused. */
    static int configuredNodes() {
        String value = System.getProperty("fallnetz.kafka.brokers", System.getenv(SETTING));
        if (value == null || value.isBlank()) {
            return 1;
        }
        int nodes = Integer.parseInt(value.trim());
        if (nodes != 1 && nodes != 3) {
            throw new IllegalArgumentException(SETTING + " must be 1 or 3, not " + value);
        }
        return nodes;
    }

    /** Starts the configured Kafka: one node in this JVM, or three node processes. */
    static KafkaBrokers start(java.nio.file.Path dataDir, int brokerPort, int controllerPort) throws Exception {
        if (configuredNodes() == 1) {
            return EmbeddedKafkaBroker.start(dataDir, DevStack.free(brokerPort), DevStack.free(controllerPort));
        }
        // Its own folder: a cluster's storage cannot take over a single node's, nor the other way round.
        return KafkaCluster.start(dataDir.resolveSibling(dataDir.getFileName() + "-cluster"), 3, brokerPort,
                controllerPort);
    }

    static Admin admin(String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        return Admin.create(props);
    }

    static void createMissingTopics(String bootstrapServers, Collection<String> names, int partitions,
            short replicas) throws Exception {
        try (Admin admin = admin(bootstrapServers)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String name : names) {
                if (!existing.contains(name)) {
                    NewTopic topic = new NewTopic(name, partitions, replicas);
                    if (replicas >= 3) {
                        topic.configs(Map.of("min.insync.replicas", "2"));
                    }
                    missing.add(topic);
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Waits until the cluster reports at least {@code nodes} live brokers. */
    static void awaitNodes(String bootstrapServers, int nodes, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try (Admin admin = admin(bootstrapServers)) {
                if (admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() >= nodes) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Kafka did not report " + nodes + " live brokers within " + timeout, last);
    }
}

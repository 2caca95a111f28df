package de.fallnetz.devstack;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * A real single-node Apache Kafka broker in KRaft mode (combined broker and controller), run inside this JVM from
 * the Kafka jars. Storage is formatted once; a later start on the same directory keeps all topics and offsets.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final int NODE_ID = 1;

    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    public static EmbeddedKafkaBroker start(Path dataDir, int brokerPort, int controllerPort) throws Exception {
        Files.createDirectories(dataDir);
        String logDir = dataDir.toAbsolutePath().toString();
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logDir);
        // One node: every internal topic has one replica.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "10");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        // Topics are created up front; a misspelt topic name must fail, not appear silently.
        props.put("auto.create.topics.enable", "false");
        props.put("num.partitions", String.valueOf(de.fallnetz.contracts.events.Topics.PARTITIONS));

        KafkaConfig config = new KafkaConfig(props, false);
        if (!Files.exists(dataDir.resolve("meta.properties"))) {
            format(logDir);
        }
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, "127.0.0.1:" + brokerPort);
        broker.awaitReady(Duration.ofSeconds(60));
        return broker;
    }

    private static void format(String logDir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Formatter()
                .setPrintStream(new PrintStream(out, true))
                .setNodeId(NODE_ID)
                .setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(logDir))
                .setMetadataLogDirectory(logDir)
                .setControllerListenerName("CONTROLLER")
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .run();
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Creates the topics that do not exist yet; existing ones are left as they are. */
    public void createTopics(Collection<String> names, int partitions) throws Exception {
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String name : names) {
                if (!existing.contains(name)) {
                    missing.add(new NewTopic(name, partitions, (short) 1));
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private void awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try (Admin admin = admin()) {
                if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Kafka broker did not become ready within " + timeout, last);
    }

    private Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        return Admin.create(props);
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}

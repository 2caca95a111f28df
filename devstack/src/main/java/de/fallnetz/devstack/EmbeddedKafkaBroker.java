package de.fallnetz.devstack;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * A real Apache Kafka node in KRaft mode (combined broker and controller), run inside this JVM from
 * the Kafka jars. Storage is formatted once; a later start on the same directory keeps all topics and offsets.
 */
public final class EmbeddedKafkaBroker implements KafkaBrokers {

    private static final int NODE_ID = 1;

    /**
     * The group of every thread the broker starts (they inherit it from the thread that starts the broker), so that
     * a benchmark running the broker in its own JVM can tell the broker's CPU time from its load generator's.
     */
    public static final ThreadGroup THREADS = new ThreadGroup("kafka-broker");

    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    public static EmbeddedKafkaBroker start(Path dataDir, int brokerPort, int controllerPort) throws Exception {
        EmbeddedKafkaBroker broker = startNode(new KafkaNodeSettings(NODE_ID, dataDir, brokerPort, controllerPort,
                NODE_ID + "@127.0.0.1:" + controllerPort, null, 1, "127.0.0.1"));
        broker.awaitReady(Duration.ofSeconds(60));
        return broker;
    }

    /**
     * Starts one node (combined broker and controller) of a cluster whose controller quorum and replication the
     * settings describe, without waiting for the cluster: a node of a three-node cluster is only useful once a
     * majority of the quorum is up.
     */
    static EmbeddedKafkaBroker startNode(KafkaNodeSettings node) throws Exception {
        Files.createDirectories(node.dataDir());
        String logDir = node.dataDir().toAbsolutePath().toString();
        String replicas = String.valueOf(node.replicas());
        String minInsync = String.valueOf(node.minInsyncReplicas());
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(node.nodeId()));
        props.put("controller.quorum.voters", node.quorumVoters());
        props.put("listeners", "PLAINTEXT://" + node.host() + ":" + node.brokerPort() + ",CONTROLLER://"
                + node.host() + ":" + node.controllerPort());
        props.put("advertised.listeners", "PLAINTEXT://" + node.host() + ":" + node.brokerPort());
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logDir);
        // Internal topics and new topics get as many replicas as there are nodes (up to 3), and with 3 an
        // acks=all write needs 2 of them: one node may die without losing or refusing a write.
        props.put("offsets.topic.replication.factor", replicas);
        props.put("offsets.topic.num.partitions", "10");
        props.put("default.replication.factor", replicas);
        props.put("min.insync.replicas", minInsync);
        props.put("transaction.state.log.replication.factor", replicas);
        props.put("transaction.state.log.min.isr", minInsync);
        props.put("share.coordinator.state.topic.replication.factor", replicas);
        props.put("share.coordinator.state.topic.min.isr", minInsync);
        props.put("group.initial.rebalance.delay.ms", "0");
        // A node killed and started again cannot register until the controller has given up on its previous
        // incarnation (DUPLICATE_BROKER_REGISTRATION), after broker.session.timeout.ms: 9 s by default, 5 s here with a
        // heartbeat every second. A dead node of three is fenced, and its leaderships moved, as much sooner.
        props.put("broker.session.timeout.ms", "5000");
        props.put("broker.heartbeat.interval.ms", "1000");
        // Topics are created up front; a misspelt topic name must fail, not appear silently.
        props.put("auto.create.topics.enable", "false");
        props.put("num.partitions", String.valueOf(de.fallnetz.contracts.events.Topics.PARTITIONS));

        KafkaConfig config = new KafkaConfig(props, false);
        if (!Files.exists(node.dataDir().resolve("meta.properties"))) {
            format(logDir, node.nodeId(), node.clusterId() != null ? node.clusterId() : Uuid.randomUuid().toString());
        }
        KafkaRaftServer server = startInBrokerThreads(config);
        return new EmbeddedKafkaBroker(server, node.host() + ":" + node.brokerPort());
    }

    private static KafkaRaftServer startInBrokerThreads(KafkaConfig config) throws Exception {
        FutureTask<KafkaRaftServer> startup = new FutureTask<>(() -> {
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            return server;
        });
        new Thread(THREADS, startup, "kafka-broker-startup").start();
        try {
            return startup.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static void format(String logDir, int nodeId, String clusterId) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Formatter()
                .setPrintStream(new PrintStream(out, true))
                .setNodeId(nodeId)
                .setClusterId(clusterId)
                .setDirectories(List.of(logDir))
                .setMetadataLogDirectory(logDir)
                .setControllerListenerName("CONTROLLER")
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .run();
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Creates the topics that do not exist yet; existing ones are left as they are. */
    @Override
    public void createTopics(Collection<String> names, int partitions) throws Exception {
        KafkaBrokers.createMissingTopics(bootstrapServers, names, partitions, (short) 1);
    }

    private void awaitReady(Duration timeout) throws Exception {
        KafkaBrokers.awaitNodes(bootstrapServers, 1, timeout);
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}

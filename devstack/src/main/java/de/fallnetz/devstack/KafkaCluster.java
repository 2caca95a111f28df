package de.fallnetz.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.StringJoiner;

import org.apache.kafka.common.Uuid;

/**
 * A Kafka cluster of several KRaft nodes (each broker and controller), each in its own process so that one can be
 * killed with SIGKILL and started again while the others carry on. Topics get one replica per node (at most 3) and
 * need two in sync for an {@code acks=all} write, as in production (k8s/: Strimzi, 3 brokers).
 *
 * <p>
 * Started with {@link #startInNetworkNamespaces}, each node runs in a network namespace of its own (root only), so
 * that {@link #partition(int)} can cut one off from the others and from the services while it keeps running.
 */
public final class KafkaCluster implements KafkaBrokers {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final List<KafkaNodeSettings> nodes;
    private final Process[] processes;
    private final Path logDir;
    private final NetworkNamespaces network;
    private boolean closed;

    private KafkaCluster(List<KafkaNodeSettings> nodes, Path logDir, NetworkNamespaces network) {
        this.nodes = nodes;
        this.processes = new Process[nodes.size()];
        this.logDir = logDir;
        this.network = network;
    }

    /**
     * Starts {@code size} nodes with their data under {@code dataDir}/node-N; broker ports are {@code brokerPort},
     * {@code brokerPort + 2}, … and controller ports {@code controllerPort}, {@code controllerPort + 2}, … (ports of 0
     * pick free ones). The cluster ID is kept in {@code dataDir} so that a restart finds the same cluster.
     */
    public static KafkaCluster start(Path dataDir, int size, int brokerPort, int controllerPort) throws Exception {
        return start(dataDir, size, brokerPort, controllerPort, dataDir);
    }

    /** As {@link #start(Path, int, int, int)}, with each node's log in {@code logDir}/kafka-node-N.log. */
    public static KafkaCluster start(Path dataDir, int size, int brokerPort, int controllerPort, Path logDir)
            throws Exception {
        return start(dataDir, size, brokerPort, controllerPort, logDir, null);
    }

    /**
     * As {@link #start(Path, int, int, int, Path)} on free ports, with each node in its own network namespace on a
     * private address of this machine ({@code 10.254.S.11}, {@code .12}, …); see {@link #partition(int)}. Needs root
     * and iproute2: check {@link #networkNamespacesPermitted()} first.
     */
    public static KafkaCluster startInNetworkNamespaces(Path dataDir, int size, Path logDir) throws Exception {
        NetworkNamespaces network = NetworkNamespaces.create(size);
        try {
            return start(dataDir, size, 0, 0, logDir, network);
        } catch (Exception e) {
            network.remove();
            throw e;
        }
    }

    /** Whether this machine lets the cluster put its nodes in network namespaces (root, {@code ip netns}). */
    public static boolean networkNamespacesPermitted() {
        return NetworkNamespaces.permitted();
    }

    private static KafkaCluster start(Path dataDir, int size, int brokerPort, int controllerPort, Path logDir,
            NetworkNamespaces network) throws Exception {
        Files.createDirectories(dataDir);
        Files.createDirectories(logDir);
        String clusterId = clusterId(dataDir);
        int[] brokerPorts = new int[size];
        int[] controllerPorts = new int[size];
        String[] hosts = new String[size];
        StringJoiner voters = new StringJoiner(",");
        for (int i = 0; i < size; i++) {
            brokerPorts[i] = brokerPort == 0 ? DevStack.freePort() : brokerPort + 2 * i;
            controllerPorts[i] = controllerPort == 0 ? DevStack.freePort() : controllerPort + 2 * i;
            hosts[i] = network == null ? "127.0.0.1" : network.address(i);
            voters.add((i + 1) + "@" + hosts[i] + ":" + controllerPorts[i]);
        }
        List<KafkaNodeSettings> nodes = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            // A single node keeps its storage where the in-JVM broker had it, so ./run's data carry over.
            Path nodeDir = size == 1 ? dataDir : dataDir.resolve("node-" + (i + 1));
            nodes.add(new KafkaNodeSettings(i + 1, nodeDir, brokerPorts[i],
                    controllerPorts[i], voters.toString(), clusterId, Math.min(3, size), hosts[i]));
        }
        KafkaCluster cluster = new KafkaCluster(nodes, logDir, network);
        // The nodes are processes of their own: they must not outlive a JVM that ends without closing the cluster.
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "kafka-cluster-shutdown"));
        try {
            for (int i = 0; i < size; i++) {
                cluster.startNode(i);
            }
            KafkaBrokers.awaitNodes(cluster.bootstrapServers(), size, READY_TIMEOUT);
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private static String clusterId(Path dataDir) throws IOException {
        Path file = dataDir.resolve("cluster-id");
        if (Files.isRegularFile(file)) {
            return Files.readString(file).trim();
        }
        String id = Uuid.randomUuid().toString();
        Files.writeString(file, id);
        return id;
    }

    @Override
    public String bootstrapServers() {
        StringJoiner servers = new StringJoiner(",");
        nodes.forEach(n -> servers.add(n.host() + ":" + n.brokerPort()));
        return servers.toString();
    }

    public int size() {
        return nodes.size();
    }

    /** The broker address of one node (index from 0). */
    public String bootstrapServers(int node) {
        return nodes.get(node).host() + ":" + nodes.get(node).brokerPort();
    }

    @Override
    public void createTopics(Collection<String> names, int partitions) throws Exception {
        KafkaBrokers.createMissingTopics(bootstrapServers(), names, partitions,
                (short) nodes.get(0).replicas());
    }

    /** Starts (or starts again) one node's process; it rejoins the cluster with the data it had. */
    public synchronized void startNode(int node) throws IOException {
        if (closed) {
            return;
        }
        if (processes[node] != null && processes[node].isAlive()) {
            throw new IllegalStateException("Kafka node " + (node + 1) + " is running");
        }
        List<String> command = network == null ? new ArrayList<>() : network.exec(node);
        command.addAll(ChildProcesses.javaCommand());
        command.addAll(List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dlog4j2.loggerContextFactory=org.apache.logging.log4j.simple.SimpleLoggerContextFactory"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(KafkaNode.class.getName());
        command.addAll(List.of(nodes.get(node).toArgs()));
        Path log = logDir.resolve("kafka-node-" + (node + 1) + ".log");
        processes[node] = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** SIGKILL of one node: no controlled shutdown, no leadership hand-over. */
    public synchronized void kill(int node) throws InterruptedException {
        ChildProcesses.kill(processes[node]);
    }

    public synchronized boolean isAlive(int node) {
        return processes[node] != null && processes[node].isAlive();
    }

    /**
     * Cuts one node (index from 0) off the network: the other nodes and the services can no longer reach it, nor it
     * them, while its process runs on. Only for a cluster started in network namespaces.
     */
    public void partition(int node) throws IOException {
        requireNetwork().partition(node);
    }

    /** Ends a {@link #partition(int)}: the node can reach and be reached again. */
    public void heal(int node) throws IOException {
        requireNetwork().heal(node);
    }

    private NetworkNamespaces requireNetwork() {
        if (network == null) {
            throw new IllegalStateException("this cluster was not started in network namespaces");
        }
        return network;
    }

    /** The process ID of a running node, e.g. for an operator who wants to stop it by hand. */
    public long pid(int node) {
        return processes[node].pid();
    }

    @Override
    public synchronized void close() {
        closed = true;
        for (Process process : processes) {
            if (process != null && process.isAlive()) {
                process.destroy();
            }
        }
        for (Process process : processes) {
            if (process != null) {
                ChildProcesses.stop(process);
            }
        }
        if (network != null) {
            network.remove();
        }
    }
}

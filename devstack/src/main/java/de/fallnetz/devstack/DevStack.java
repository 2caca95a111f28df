package de.fallnetz.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;

import de.fallnetz.contracts.events.Topics;

/**
 * The whole embedded stack: Kafka with every topic (one broker, or three when {@link KafkaBrokers#SETTING} says so) and
 * one PostgreSQL with a database per service.
 */
public final class DevStack implements AutoCloseable {

    private final KafkaBrokers kafka;
    private EmbeddedPostgresServer postgres;

    private DevStack(KafkaBrokers kafka, EmbeddedPostgresServer postgres) {
        this.kafka = kafka;
        this.postgres = postgres;
    }

    /**
     * Starts Kafka and PostgreSQL with their data under {@code dataDir}, creating what is missing: storage, topics,
     * databases and roles. A port of 0 picks a free one.
     */
    public static DevStack start(Path dataDir, int kafkaPort, int controllerPort, int postgresPort) throws Exception {
        return start(dataDir, postgresPort, false, () -> KafkaBrokers.start(dataDir.resolve("kafka"), kafkaPort,
                controllerPort));
    }

    /**
     * As {@link #start(Path, int, int, int)} on free ports, with PostgreSQL keeping statement statistics
     * ({@code pg_stat_statements}): the benchmark's stack, which reports them.
     */
    public static DevStack startWithStatementStatistics(Path dataDir) throws Exception {
        return start(dataDir, 0, true, () -> KafkaBrokers.start(dataDir.resolve("kafka"), 0, 0));
    }

    /**
     * A stack on free ports whose Kafka runs as {@code kafkaNodes} processes (1 or 3), so that a broker can be killed
     * on its own: the chaos run's stack.
     */
    public static DevStack startWithKafkaProcesses(Path dataDir, int kafkaNodes) throws Exception {
        return start(dataDir, 0, false,
                () -> KafkaCluster.start(dataDir.resolve("kafka-cluster"), kafkaNodes, 0, 0));
    }

    /**
     * As {@link #startWithKafkaProcesses(Path, int)}, with each Kafka node in a network namespace of its own, so that
     * one can be cut off from the network ({@link KafkaCluster#partition(int)}). Root only.
     */
    public static DevStack startWithKafkaInNetworkNamespaces(Path dataDir, int kafkaNodes) throws Exception {
        Path kafkaData = dataDir.resolve("kafka-cluster");
        return start(dataDir, 0, false, () -> KafkaCluster.startInNetworkNamespaces(kafkaData, kafkaNodes, kafkaData));
    }

    /**
     * ./run's stack: Kafka as {@code kafkaNodes} processes (1 or 3) on the given ports, so that an operator can stop a
     * broker and watch the system heal; node logs go to {@code logDir}. PostgreSQL keeps statement statistics for the
     * operator.
     */
    public static DevStack startWithKafkaProcesses(Path dataDir, int kafkaNodes, int kafkaPort, int controllerPort,
            int postgresPort, Path logDir) throws Exception {
        Path kafkaData = dataDir.resolve(kafkaNodes == 1 ? "kafka" : "kafka-" + kafkaNodes);
        return start(dataDir, postgresPort, true,
                () -> KafkaCluster.start(kafkaData, kafkaNodes, kafkaPort, controllerPort, logDir));
    }

    private static DevStack start(Path dataDir, int postgresPort, boolean statementStatistics,
            java.util.concurrent.Callable<KafkaBrokers> kafkaStart) throws Exception {
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dataDir.resolve("postgres"), free(postgresPort),
                statementStatistics);
        KafkaBrokers kafka;
        try {
            kafka = kafkaStart.call();
        } catch (Exception e) {
            postgres.close();
            throw e;
        }
        DevStack stack = new DevStack(kafka, postgres);
        try {
            kafka.createTopics(Topics.ALL, Topics.PARTITIONS);
            for (FallnetzService service : FallnetzService.values()) {
                postgres.ensureDatabase(service.database());
            }
        } catch (Exception e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    /** The running Kafka: a {@link KafkaCluster} when three nodes were asked for, whose nodes can be killed. */
    public KafkaBrokers kafka() {
        return kafka;
    }

    /** SIGKILL of PostgreSQL's postmaster; the data stay. */
    public synchronized void killPostgres() throws IOException, InterruptedException {
        postgres.kill();
    }

    /** Starts PostgreSQL again after {@link #killPostgres()}, on the same port and data. */
    public synchronized void restartPostgres() throws IOException, InterruptedException {
        postgres = postgres.restart();
    }

    /** Process ID of PostgreSQL's postmaster (for measuring its CPU; its backends are its children). */
    public synchronized long postgresPid() throws IOException {
        return postgres.pid();
    }

    public StackEndpoints endpoints() {
        return new StackEndpoints(kafka.bootstrapServers(), "127.0.0.1", postgres.port());
    }

    static int free(int port) {
        return port != 0 ? port : freePort();
    }

    /** Below Linux's ephemeral range (32768–60999), from which every outgoing connection takes its local port. */
    private static final int FIRST_PORT = 20000;
    private static final int LAST_PORT = 32000;
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Ports handed out by any JVM on this machine, one empty file per port: the system tests and the short chaos run
     * start their stacks side by side, and two JVMs once picked the same port for processes that bound it seconds
     * later. A claim older than {@link #CLAIM_LIFETIME} is from a JVM that is gone.
     */
    private static final Path CLAIMS = Path.of(System.getProperty("java.io.tmpdir"), "fallnetz-ports");
    private static final java.time.Duration CLAIM_LIFETIME = java.time.Duration.ofHours(6);

    /**
     * A TCP port nobody listens on right now, for a process of the system or a test to take. The process binds it
     * only seconds later, so the port comes from below the ephemeral range: there an outgoing connection of any
     * process on the machine (a Kafka or JDBC client) can never take it in between, as it did with ports the kernel
     * chose. Never the same port twice in one JVM, nor one that another JVM claimed (see {@link #CLAIMS}).
     */
    public static int freePort() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = random.nextInt(FIRST_PORT, LAST_PORT + 1);
            if (HANDED_OUT.contains(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new java.net.InetSocketAddress("0.0.0.0", port));
                if (claim(port) && HANDED_OUT.add(port)) {
                    return port;
                }
            } catch (IOException e) {
                // taken: try another
            }
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Claims the port for this JVM unless another JVM holds a fresh claim; this JVM's claims go when it exits. */
    private static boolean claim(int port) {
        try {
            java.nio.file.Files.createDirectories(CLAIMS);
            Path file = CLAIMS.resolve(String.valueOf(port));
            try {
                java.nio.file.Files.createFile(file);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                java.time.Instant claimed = java.nio.file.Files.getLastModifiedTime(file).toInstant();
                if (claimed.plus(CLAIM_LIFETIME).isAfter(java.time.Instant.now())) {
                    return false;
                }
                java.nio.file.Files.setLastModifiedTime(file,
                        java.nio.file.attribute.FileTime.from(java.time.Instant.now()));
            }
            file.toFile().deleteOnExit();
            return true;
        } catch (IOException e) {
            // No shared directory: the bind check alone, as before.
            return true;
        }
    }

    @Override
    public void close() {
        try {
            kafka.close();
        } finally {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Deletes a directory tree (the stack's data); a file that will not go stays. */
    public static void deleteQuietly(java.nio.file.Path dir) {
        try (java.util.stream.Stream<java.nio.file.Path> paths = java.nio.file.Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

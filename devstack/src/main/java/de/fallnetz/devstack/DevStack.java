package de.fallnetz.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;

import de.fallnetz.contracts.events.Topics;

/** The whole embedded stack: one Kafka broker with every topic and one PostgreSQL with a database per service. */
public final class DevStack implements AutoCloseable {

    private final EmbeddedKafkaBroker kafka;
    private final EmbeddedPostgresServer postgres;

    private DevStack(EmbeddedKafkaBroker kafka, EmbeddedPostgresServer postgres) {
        this.kafka = kafka;
        this.postgres = postgres;
    }

    /**
     * Starts Kafka and PostgreSQL with their data under {@code dataDir}, creating what is missing: storage, topics,
     * databases and roles. A port of 0 picks a free one.
     */
    public static DevStack start(Path dataDir, int kafkaPort, int controllerPort, int postgresPort) throws Exception {
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dataDir.resolve("postgres"), free(postgresPort));
        EmbeddedKafkaBroker kafka;
        try {
            kafka = EmbeddedKafkaBroker.start(dataDir.resolve("kafka"), free(kafkaPort), free(controllerPort));
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

    public StackEndpoints endpoints() {
        return new StackEndpoints(kafka.bootstrapServers(), "127.0.0.1", postgres.port());
    }

    static int free(int port) {
        return port != 0 ? port : freePort();
    }

    /** A TCP port nobody listens on right now, for a process of the system or a test to take. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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

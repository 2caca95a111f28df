package de.fallnetz.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import de.fallnetz.contracts.events.Topics;
import de.fallnetz.devstack.StackEndpoints;

/**
 * What this machine's Kafka broker and PostgreSQL can do on their own, measured with the same durability settings the
 * services use, so that the system's figures can be read as a share of them.
 */
final class Baselines {

    private static final String TOPIC = "bench.baseline";

    private Baselines() {
    }

    /**
     * Records per second one producer gets acknowledged with {@code acks=all} and idempotence, as the outbox relay
     * sends them: keyed by a random case ID, with a value the size of a real event.
     */
    static double kafkaRecordsPerSecond(StackEndpoints stack, int records, int valueBytes, Progress progress)
            throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafkaBootstrapServers()))) {
            if (!admin.listTopics().names().get().contains(TOPIC)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, Topics.PARTITIONS, (short) 1))).all().get();
            }
        }
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        String value = "x".repeat(valueBytes);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            // Warm the connection and metadata up outside the measurement.
            producer.send(new ProducerRecord<>(TOPIC, "warm-up", value)).get();
            CountDownLatch acked = new CountDownLatch(records);
            AtomicReference<Exception> failure = new AtomicReference<>();
            long start = System.nanoTime();
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(TOPIC, UUID.randomUUID().toString(), value), (meta, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                    acked.countDown();
                });
                progress.update(i + 1, records);
            }
            if (!acked.await(5, TimeUnit.MINUTES) || failure.get() != null) {
                throw new IllegalStateException("Kafka baseline failed", failure.get());
            }
            return records / seconds(start);
        }
    }

    /**
     * Committed transactions per second, each inserting one row, from {@code connections} clients at once: the
     * commit rate (WAL flushes) that every state change of the services is bound by.
     */
    static double postgresCommitsPerSecond(StackEndpoints stack, int connections, int transactionsEach,
            Progress progress) throws Exception {
        try (Connection admin = admin(stack);
                Statement s = admin.createStatement()) {
            s.execute("create table if not exists bench_baseline (id uuid primary key, payload text not null)");
        }
        String payload = "x".repeat(300);
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        try {
            List<Connection> open = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                Connection c = admin(stack);
                c.setAutoCommit(false);
                open.add(c);
            }
            int total = connections * transactionsEach;
            AtomicInteger done = new AtomicInteger();
            long start = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (Connection c : open) {
                futures.add(pool.submit(() -> {
                    try (c; PreparedStatement ps = c.prepareStatement(
                            "insert into bench_baseline (id, payload) values (?, ?)")) {
                        for (int i = 0; i < transactionsEach; i++) {
                            ps.setObject(1, UUID.randomUUID());
                            ps.setString(2, payload);
                            ps.executeUpdate();
                            c.commit();
                            progress.update(done.incrementAndGet(), total);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            return total / seconds(start);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The embedded PostgreSQL's superuser, which trusts local connections. */
    static Connection admin(StackEndpoints stack) throws SQLException {
        return DriverManager.getConnection(stack.adminJdbcUrl(), "postgres", "");
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    static void dropBaselineTable(StackEndpoints stack) throws SQLException {
        try (Connection admin = admin(stack);
                Statement s = admin.createStatement()) {
            s.execute("drop table if exists bench_baseline");
        }
    }
}

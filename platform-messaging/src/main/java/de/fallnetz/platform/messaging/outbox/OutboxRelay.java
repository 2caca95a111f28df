package de.fallnetz.platform.messaging.outbox;

import java.net.URI;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Sends committed outbox rows to Kafka, oldest first, and stamps them as published once Kafka has acknowledged them.
 * <p>
 * At-least-once: if the process dies after Kafka's acknowledgement but before the stamp commits, the rows are sent
 * again, with the same CloudEvent ID, and consumers drop the copy. Only one relay runs at a time, across all
 * instances of the service (a PostgreSQL advisory lock), so the events of one case reach Kafka in the order they
 * were written.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    /**
     * Advisory lock key of the relay; one per database, and every service has its own database. Whoever holds it
     * (an operator with {@code select pg_advisory_lock(262217333)}, say) pauses the relay of that service.
     */
    public static final long RELAY_LOCK = 0x0f_a1_1e_75L;

    private static final String SELECT = """
            select id, event_id, topic, event_type, subject, source, data_schema, occurred_at, payload
            from outbox_event where published_at is null order by id limit ?""";

    private final Emitter<String> emitter;
    private final AgroalDataSource dataSource;
    private final OutboxConfig config;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "outbox-relay"));
    private final AtomicBoolean queued = new AtomicBoolean();
    private final AtomicLong pending = new AtomicLong();
    private final Counter published;
    private final Counter failures;

    public OutboxRelay(@Channel("outbox") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
            Emitter<String> emitter, AgroalDataSource dataSource, OutboxConfig config, MeterRegistry registry) {
        this.emitter = emitter;
        this.dataSource = dataSource;
        this.config = config;
        this.published = Counter.builder("fallnetz.outbox.published")
                .description("Events the outbox relay handed to Kafka and saw acknowledged").register(registry);
        this.failures = Counter.builder("fallnetz.outbox.relay.failures")
                .description("Relay batches that failed and will be retried").register(registry);
        io.micrometer.core.instrument.Gauge.builder("fallnetz.outbox.pending", pending, AtomicLong::get)
                .description("Events written but not yet acknowledged by Kafka, as of the last relay run").register(registry);
    }

    /** Asks for a relay run soon; cheap, and runs never overlap in this process. */
    public void nudge() {
        if (!config.relayEnabled() || worker.isShutdown() || !queued.compareAndSet(false, true)) {
            return;
        }
        try {
            worker.execute(() -> {
                queued.set(false);
                drain();
            });
        } catch (RejectedExecutionException e) {
            // Shutting down: whatever is left is sent by the next process to run the relay.
            queued.set(false);
        }
    }

    @Scheduled(every = "${fallnetz.outbox.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = UntilStarted.class)
    void poll() {
        nudge();
    }

    /**
     * Holds the scheduled poll back until the application has started: creating the relay earlier would touch the
     * emitter before the messaging layer has connected its channel.
     */
    @Singleton
    public static class UntilStarted implements Scheduled.SkipPredicate {

        private volatile boolean started;

        void onStart(@Observes StartupEvent event) {
            started = true;
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return !started;
        }
    }

    /** Relays batch after batch until nothing is left or a batch fails. */
    void drain() {
        try {
            int sent;
            do {
                sent = QuarkusTransaction.requiringNew()
                        .timeout((int) config.sendTimeout().toSeconds() + 30)
                        .call(this::relayBatch);
            } while (sent == config.batchSize());
            pending.set(countUnpublished());
        } catch (Exception e) {
            failures.increment();
            LOG.warnf("Outbox relay failed, retrying within %s: %s", config.pollInterval(), e.toString());
        }
    }

    private int relayBatch() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            if (!tryLock(c)) {
                return 0;
            }
            List<Row> rows = unpublished(c);
            if (rows.isEmpty()) {
                return 0;
            }
            List<CompletableFuture<Void>> acks = new ArrayList<>(rows.size());
            for (Row row : rows) {
                acks.add(send(row));
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(config.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
            markPublished(c, rows);
            published.increment(rows.size());
            return rows.size();
        }
    }

    private long countUnpublished() throws SQLException {
        try (Connection c = dataSource.getConnection();
                ResultSet rs = c.createStatement()
                        .executeQuery("select count(*) from outbox_event where published_at is null")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
            ps.setLong(1, RELAY_LOCK);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private List<Row> unpublished(Connection c) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT)) {
            ps.setInt(1, config.batchSize());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong("id"), rs.getString("event_id"), rs.getString("topic"),
                            rs.getString("event_type"), rs.getString("subject"), rs.getString("source"),
                            rs.getString("data_schema"), rs.getTimestamp("occurred_at").toInstant(),
                            rs.getString("payload")));
                }
            }
        }
        return rows;
    }

    private CompletableFuture<Void> send(Row row) {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        Message<String> message = Message.of(row.payload())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withTopic(row.topic())
                        .withKey(row.subject())
                        .build())
                .addMetadata(OutgoingCloudEventMetadata.<String>builder()
                        .withId(row.eventId())
                        .withType(row.type())
                        .withSource(URI.create(row.source()))
                        .withSubject(row.subject())
                        .withTimestamp(row.occurredAt().atZone(ZoneOffset.UTC))
                        .withDataSchema(URI.create(row.dataSchema()))
                        .withDataContentType("application/json")
                        .build())
                .withAck(() -> {
                    ack.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    ack.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
        emitter.send(message);
        return ack;
    }

    private static void markPublished(Connection c, List<Row> rows) throws SQLException {
        Long[] ids = rows.stream().map(Row::id).toArray(Long[]::new);
        try (PreparedStatement ps = c.prepareStatement(
                "update outbox_event set published_at = now() where id = any(?)")) {
            Array array = c.createArrayOf("bigint", ids);
            ps.setArray(1, array);
            ps.executeUpdate();
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdown();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Row(long id, String eventId, String topic, String type, String subject, String source,
            String dataSchema, java.time.Instant occurredAt, String payload) {
    }
}

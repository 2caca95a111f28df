package de.fallnetz.platform.messaging.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

import de.fallnetz.platform.messaging.trace.EventTracing;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaProducer;

/**
 * Sends committed outbox rows to Kafka, oldest first, and stamps them as published once Kafka has acknowledged them.
 * <p>
 * At-least-once: if the process dies after Kafka's acknowledgement but before the stamp commits, the rows are sent
 * again, with the same CloudEvent ID, and consumers drop the copy. Only one relay runs at a time, across all
 * instances of the service (a PostgreSQL advisory lock), and only an instance whose Kafka producer is connected
 * takes it; the events of one case reach Kafka in the order they were written.
 * <p>
 * A batch is sent at once and its acknowledgements awaited together. Every acknowledged row is stamped; a row Kafka
 * refuses keeps its attempts and last error, holds back the later rows of its case, and is parked after
 * {@link OutboxConfig#maxAttempts()} failures. Records go through the outbox channel's Kafka producer directly, as
 * binary-mode CloudEvents (the headers SmallRye's {@code cloud-events-mode=binary} writes).
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    /**
     * Advisory lock key of the relay; one per database, and every service has its own database. Whoever holds it
     * (an operator with {@code select pg_advisory_lock(262217333)}, say) pauses the relay of that service.
     */
    public static final long RELAY_LOCK = 0x0f_a1_1e_75L;

    /** The outgoing channel whose Kafka producer the relay uses. */
    static final String CHANNEL = "outbox";

    private static final String SELECT = """
            select id, event_id, topic, event_type, subject, source, data_schema, occurred_at, payload, attempts,
                traceparent
            from outbox_event where published_at is null and parked_at is null order by id limit ?""";
    private static final String STAMP = "update outbox_event set published_at = now() where id = any(?)";
    private static final String FAILED = """
            update outbox_event set attempts = attempts + 1, last_error = ?,
                parked_at = case when attempts + 1 >= ? then now() end
            where id = ?""";
    private static final String GAUGES = """
            select count(*) filter (where parked_at is null),
                   coalesce(extract(epoch from now() - min(occurred_at) filter (where parked_at is null)), 0),
                   count(*) filter (where parked_at is not null)
            from outbox_event where published_at is null""";

    private final KafkaClientService kafka;
    private final AgroalDataSource dataSource;
    private final OutboxConfig config;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "outbox-relay"));
    private final AtomicBoolean queued = new AtomicBoolean();
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestAgeSeconds = new AtomicLong();
    private final AtomicLong parked = new AtomicLong();
    private final Counter published;
    private final Counter failures;
    private final Counter notConnected;
    private Producer<String, String> producer;
    private Metric connections;

    /**
     * @param channel not used to send; injecting it makes the messaging layer create the channel and its producer
     */
    public OutboxRelay(@Channel(CHANNEL) Emitter<String> channel, KafkaClientService kafka,
            AgroalDataSource dataSource, OutboxConfig config, MeterRegistry registry) {
        this.kafka = kafka;
        this.dataSource = dataSource;
        this.config = config;
        this.published = Counter.builder("fallnetz.outbox.published")
                .description("Events the outbox relay handed to Kafka and saw acknowledged").register(registry);
        this.failures = Counter.builder("fallnetz.outbox.relay.failures")
                .description("Events Kafka refused or did not acknowledge in time, and relay runs that failed")
                .register(registry);
        this.notConnected = Counter.builder("fallnetz.outbox.relay.skipped")
                .description("Relay runs skipped because the outbox producer had no connection to Kafka")
                .register(registry);
        Gauge.builder("fallnetz.outbox.pending", pending, AtomicLong::get)
                .description("Events written but not yet acknowledged by Kafka, parked ones not included")
                .register(registry);
        Gauge.builder("fallnetz.outbox.oldest.age", oldestAgeSeconds, AtomicLong::get).baseUnit("seconds")
                .description("Age of the oldest event not yet acknowledged by Kafka, parked ones not included")
                .register(registry);
        Gauge.builder("fallnetz.outbox.parked", parked, AtomicLong::get)
                .description("Events the relay gave up on after repeated refusals by Kafka; alert on any")
                .register(registry);
    }

    /** Age of the oldest event not yet acknowledged by Kafka (parked ones not included), as last refreshed. */
    public long oldestUnsentAgeSeconds() {
        return oldestAgeSeconds.get();
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

    /** Refreshes the gauges from their own query, whether or not the relay gets anything through. */
    @Scheduled(every = "${fallnetz.outbox.gauge-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = UntilStarted.class)
    void refreshGauges() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(GAUGES);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            pending.set(rs.getLong(1));
            oldestAgeSeconds.set((long) Math.ceil(rs.getDouble(2)));
            parked.set(rs.getLong(3));
        } catch (SQLException e) {
            LOG.debugf("Outbox gauges not refreshed: %s", e);
        }
    }

    /**
     * Holds the scheduled jobs back until the application has started: creating the relay earlier would touch the
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

    /** Relays batch after batch until nothing is left or a batch had a failure. */
    void drain() {
        try {
            if (!connected()) {
                // Another instance that can reach Kafka should have the lock rather than this one.
                notConnected.increment();
                return;
            }
            Batch batch;
            do {
                batch = QuarkusTransaction.requiringNew()
                        .timeout((int) config.sendTimeout().toSeconds() + 30)
                        .call(this::relayBatch);
            } while (batch.selected() == config.batchSize() && batch.failed() == 0);
        } catch (Exception e) {
            failures.increment();
            LOG.warnf("Outbox relay failed, retrying within %s: %s", config.pollInterval(), e.toString());
        }
    }

    private Batch relayBatch() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            if (!tryLock(c)) {
                return new Batch(0, 0);
            }
            List<Row> rows = unpublished(c);
            List<Row> sending = new ArrayList<>(rows.size());
            Set<String> heldBack = new HashSet<>();
            for (Row row : rows) {
                // A row that failed before goes alone for its case: the case's later rows wait until it is through.
                if (heldBack.contains(row.subject())) {
                    continue;
                }
                if (row.attempts() > 0) {
                    heldBack.add(row.subject());
                }
                sending.add(row);
            }
            List<CompletableFuture<Void>> acks = new ArrayList<>(sending.size());
            Producer<String, String> p = producer();
            for (Row row : sending) {
                acks.add(send(p, row));
            }
            if (!sending.isEmpty()) {
                // The whole batch is handed over: send it now rather than after linger.ms (5 ms by default since
                // Kafka 4.0), which every hop would otherwise wait. Returns once every record is acknowledged or
                // failed, which the producer settles within delivery.timeout.ms.
                p.flush();
            }
            awaitAll(acks);
            List<Long> acknowledged = new ArrayList<>(sending.size());
            int failed = 0;
            for (int i = 0; i < sending.size(); i++) {
                CompletableFuture<Void> ack = acks.get(i);
                if (ack.isDone() && !ack.isCompletedExceptionally()) {
                    acknowledged.add(sending.get(i).id());
                } else {
                    failed++;
                    recordFailure(c, sending.get(i), ack);
                }
            }
            stamp(c, acknowledged);
            published.increment(acknowledged.size());
            failures.increment(failed);
            return new Batch(rows.size(), failed);
        }
    }

    private void awaitAll(List<CompletableFuture<Void>> acks) throws InterruptedException {
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(config.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Each row's own outcome is looked at next.
        }
    }

    private void recordFailure(Connection c, Row row, CompletableFuture<Void> ack) throws SQLException {
        String error = "no acknowledgement within " + config.sendTimeout();
        if (ack.isCompletedExceptionally()) {
            try {
                ack.getNow(null);
            } catch (Exception e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                error = cause.getClass().getName() + ": " + cause.getMessage();
            }
        }
        boolean parks = row.attempts() + 1 >= config.maxAttempts();
        LOG.warnf("Kafka refused outbox event %d (%s, attempt %d%s): %s", row.id(), row.type(), row.attempts() + 1,
                parks ? ", now parked" : "", error);
        try (PreparedStatement ps = c.prepareStatement(FAILED)) {
            ps.setString(1, error.length() > 1000 ? error.substring(0, 1000) : error);
            ps.setInt(2, config.maxAttempts());
            ps.setLong(3, row.id());
            ps.executeUpdate();
        }
    }

    /** Whether the outbox channel's producer is connected to a broker (what its readiness check asks, too). */
    private boolean connected() {
        Producer<String, String> p = producer();
        if (p == null) {
            return false;
        }
        if (connections == null) {
            connections = p.metrics().entrySet().stream()
                    .filter(e -> isConnectionCount(e.getKey()))
                    .map(java.util.Map.Entry::getValue).findFirst().orElse(null);
        }
        return connections != null && ((Number) connections.metricValue()).doubleValue() > 0;
    }

    private static boolean isConnectionCount(MetricName name) {
        return name.name().equals("connection-count") && name.group().equals("producer-metrics");
    }

    private Producer<String, String> producer() {
        if (producer == null) {
            KafkaProducer<String, String> channel = kafka.getProducer(CHANNEL);
            producer = channel == null ? null : channel.unwrap();
        }
        return producer;
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
                            rs.getString("payload"), rs.getInt("attempts"), rs.getString("traceparent")));
                }
            }
        }
        return rows;
    }

    private static CompletableFuture<Void> send(Producer<String, String> producer, Row row) {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        RecordHeaders headers = new RecordHeaders();
        header(headers, "ce_specversion", "1.0");
        header(headers, "ce_id", row.eventId());
        header(headers, "ce_type", row.type());
        header(headers, "ce_source", row.source());
        header(headers, "ce_subject", row.subject());
        header(headers, "ce_time", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(row.occurredAt().atOffset(ZoneOffset.UTC)));
        header(headers, "ce_dataschema", row.dataSchema());
        header(headers, "content-type", "application/json");
        if (row.traceparent() != null) {
            // The CloudEvents distributed-tracing extension, and the plain header OpenTelemetry's Kafka
            // instrumentation reads.
            header(headers, EventTracing.CE_TRACEPARENT, row.traceparent());
            header(headers, EventTracing.TRACEPARENT, row.traceparent());
        }
        try {
            producer.send(new ProducerRecord<>(row.topic(), null, row.subject(), row.payload(), headers),
                    (metadata, failure) -> {
                        if (failure == null) {
                            ack.complete(null);
                        } else {
                            ack.completeExceptionally(failure);
                        }
                    });
        } catch (RuntimeException e) {
            ack.completeExceptionally(e);
        }
        return ack;
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static void stamp(Connection c, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(STAMP)) {
            ps.setArray(1, c.createArrayOf("bigint", ids.toArray(Long[]::new)));
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

    private record Batch(int selected, int failed) {
    }

    private record Row(long id, String eventId, String topic, String type, String subject, String source,
            String dataSchema, Instant occurredAt, String payload, int attempts, String traceparent) {
    }
}

package de.fallnetz.platform.messaging.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import de.fallnetz.contracts.events.EventType;
import de.fallnetz.contracts.events.FallnetzEvent;
import de.fallnetz.devstack.EventSamples;
import de.fallnetz.devstack.FallnetzStackResource;
import de.fallnetz.platform.messaging.outbox.Outbox;
import io.agroal.api.AgroalDataSource;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The outbox → relay → Kafka → consumer hop is one trace: the row keeps the trace context of the transaction that
 * wrote it, the relay sends it as the CloudEvents traceparent, and the consumer applies the event in a child span,
 * recording the context in its inbox.
 */
@QuarkusTest
@WithTestResource(value = FallnetzStackResource.class, initArgs = @ResourceArg(name = "service",
        value = "office-transfer"))
class EventTracingTest {

    private final Outbox outbox;
    private final ObjectMapper mapper;
    private final OpenTelemetry openTelemetry;
    private final InMemorySpanExporter spans;
    private final TestCaseEvents consumer;
    private final AgroalDataSource dataSource;

    EventTracingTest(Outbox outbox, ObjectMapper mapper, OpenTelemetry openTelemetry, InMemorySpanExporter spans,
            TestCaseEvents consumer, AgroalDataSource dataSource) {
        this.outbox = outbox;
        this.mapper = mapper;
        this.openTelemetry = openTelemetry;
        this.spans = spans;
        this.consumer = consumer;
        this.dataSource = dataSource;
    }

    @Test
    void consumerAppliesTheEventInTheTraceOfTheTransactionThatWroteIt() throws Exception {
        String caseId = "C-" + UUID.randomUUID();
        FallnetzEvent event = (FallnetzEvent) mapper.readValue(EventSamples.json(EventType.CASE_OPENED, caseId),
                EventType.CASE_OPENED.dataClass());
        Span request = openTelemetry.getTracer("test").spanBuilder("POST /api/cases").setSpanKind(SpanKind.SERVER)
                .startSpan();
        UUID eventId;
        try (Scope scope = request.makeCurrent()) {
            eventId = QuarkusTransaction.requiringNew().call(() -> outbox.publish(event, Instant.now()));
        } finally {
            request.end();
        }
        String traceId = request.getSpanContext().getTraceId();

        await().atMost(Duration.ofSeconds(30)).until(() -> consumer.applied.containsKey(eventId.toString()));
        assertThat(consumer.traceIds.get(eventId.toString())).isEqualTo(traceId);
        SpanData applied = await().atMost(Duration.ofSeconds(10)).until(() -> spans.getFinishedSpanItems().stream()
                .filter(s -> s.getName().equals(EventType.CASE_OPENED.type() + " process")
                        && s.getAttributes().asMap().values().contains(eventId.toString()))
                .findFirst().orElse(null), s -> s != null);
        assertThat(applied.getTraceId()).isEqualTo(traceId);
        assertThat(applied.getParentSpanId()).isEqualTo(request.getSpanContext().getSpanId());
        assertThat(applied.getKind()).isEqualTo(SpanKind.CONSUMER);

        assertThat(traceparent("select traceparent from outbox_event where event_id = ?::uuid", eventId))
                .startsWith("00-" + traceId + "-");
        assertThat(traceparent("select traceparent from processed_event where event_id = ?", eventId))
                .startsWith("00-" + traceId + "-");
    }

    private String traceparent(String sql, UUID eventId) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, eventId.toString());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}

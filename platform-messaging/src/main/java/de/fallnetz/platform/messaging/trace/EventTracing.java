package de.fallnetz.platform.messaging.trace;

import java.util.Map;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import de.fallnetz.platform.messaging.inbox.ReceivedEvent;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * Carries a trace across the Kafka hop: the outbox stores the W3C {@code traceparent} of the transaction that wrote
 * an event, the relay sends it as the CloudEvents {@code traceparent} extension, and a consumer applies the event in
 * a span that continues that trace. With the OpenTelemetry SDK off (the default, see docs/operations.md) there is no
 * current span, nothing is stored and the spans cost nothing.
 */
@ApplicationScoped
public class EventTracing {

    /** Kafka header of the trace context, as OpenTelemetry's messaging instrumentation reads it. */
    public static final String TRACEPARENT = "traceparent";
    /** The same, as the CloudEvents distributed-tracing extension in binary mode. */
    public static final String CE_TRACEPARENT = "ce_traceparent";

    private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final Tracer tracer;

    public EventTracing(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("de.fallnetz.platform.messaging");
    }

    /** The {@code traceparent} of the current span, or null when nothing is traced. */
    public static String currentTraceparent() {
        SpanContext span = Span.current().getSpanContext();
        if (!span.isValid()) {
            return null;
        }
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex();
    }

    /** Runs {@code handler} for the event in a consumer span whose parent is the event's trace context, if any. */
    public void apply(String consumer, ReceivedEvent event, Consumer<ReceivedEvent> handler) {
        Context parent = event.traceparent() == null ? Context.current()
                : W3CTraceContextPropagator.getInstance().extract(Context.root(),
                        Map.of(TRACEPARENT, event.traceparent()), GETTER);
        Span span = tracer.spanBuilder(event.type().type() + " process").setParent(parent)
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", event.type().topic())
                .setAttribute("messaging.consumer.group.name", consumer)
                .setAttribute("messaging.message.id", event.id())
                .setAttribute("cloudevents.event_subject", event.subject())
                .startSpan();
        try (Scope scope = span.makeCurrent()) {
            handler.accept(event);
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            throw e;
        } finally {
            span.end();
        }
    }
}

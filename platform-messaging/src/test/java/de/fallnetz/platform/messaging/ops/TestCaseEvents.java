package de.fallnetz.platform.messaging.ops;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import de.fallnetz.platform.messaging.inbox.EventConsumer;
import de.fallnetz.platform.messaging.inbox.UnreadableEventException;
import io.opentelemetry.api.trace.Span;
import io.smallrye.common.annotation.Blocking;

/**
 * The test application's consumer of case.events: counts how often it applied each event and in which trace, and
 * refuses the cases a test has poisoned (as a handler refuses data it cannot use) until the test lifts it. A
 * singleton, so that the tests reach its fields rather than those of a client proxy.
 */
@Singleton
public class TestCaseEvents {

    static final String CONSUMER = "messaging-test";

    final Set<String> poisoned = ConcurrentHashMap.newKeySet();
    final Map<String, Integer> applied = new ConcurrentHashMap<>();
    final Map<String, String> traceIds = new ConcurrentHashMap<>();

    private final EventConsumer consumer;

    public TestCaseEvents(EventConsumer consumer) {
        this.consumer = consumer;
    }

    @Incoming("test-case-events")
    @Blocking
    public CompletionStage<Void> onCaseEvent(Message<String> message) {
        return consumer.consume(message, CONSUMER, event -> {
            if (poisoned.contains(event.subject())) {
                throw new UnreadableEventException("the handler cannot use case " + event.subject(), null);
            }
            applied.merge(event.id(), 1, Integer::sum);
            traceIds.put(event.id(), Span.current().getSpanContext().getTraceId());
        });
    }
}

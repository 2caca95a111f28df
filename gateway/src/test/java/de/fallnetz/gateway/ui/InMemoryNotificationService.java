package de.fallnetz.gateway.ui;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.client.SseEvent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * A stand-in for notification-service's clerk notifications inside the gateway's test JVM: what {@link #notify} is
 * given is listed and pushed to every open stream of its office, as notification-service does when it consumes a
 * partner's answer. Enabled by {@link InMemoryCaseServiceProfile}.
 */
@Alternative
@ApplicationScoped
@RestClient
public class InMemoryNotificationService implements ClerkNotificationsClient {

    private final ObjectMapper json = new ObjectMapper();
    private final List<ObjectNode> stored = new CopyOnWriteArrayList<>();
    private final BroadcastProcessor<ObjectNode> live = BroadcastProcessor.create();
    private final AtomicInteger openStreams = new AtomicInteger();
    private volatile long lastOpened;

    /** A new notification for the clerks of {@code officeId}. */
    public void notify(String officeId, String caseId, String kind, String text) {
        ObjectNode n = json.createObjectNode().put("id", String.valueOf(stored.size() + 1)).put("officeId", officeId)
                .put("caseId", caseId).put("kind", kind).put("text", text).put("read", false);
        stored.add(0, n);
        live.onNext(n);
    }

    /** Forgets what was published (streams stay open). */
    public void clear() {
        stored.clear();
    }

    /** How many pages hold a live stream open now. */
    public int openStreams() {
        return openStreams.get();
    }

    /** Whether a page opened its live stream after {@code nanoTime} (so it gets what is notified from now on). */
    public boolean streamOpenedAfter(long nanoTime) {
        return lastOpened - nanoTime > 0;
    }

    @Override
    public Uni<JsonNode> list(String officeId, String clerk, boolean unread, int limit) {
        ArrayNode items = json.createArrayNode();
        stored.stream().filter(n -> officeId.equals(n.path("officeId").asText())).limit(limit).forEach(items::add);
        ObjectNode answer = json.createObjectNode().put("unread", items.size());
        answer.set("items", items);
        return Uni.createFrom().item(answer);
    }

    @Override
    public Multi<SseEvent<String>> stream(String officeId) {
        Multi<SseEvent<String>> news = live.filter(n -> officeId.equals(n.path("officeId").asText()))
                .map(n -> new Event("notification", n.toString()));
        // Heartbeats as notification-service sends them, so a quiet page's stream lives on.
        Multi<SseEvent<String>> heartbeats = Multi.createFrom().ticks().every(Duration.ofSeconds(15))
                .onOverflow().drop().map(tick -> new Event("heartbeat", String.valueOf(tick)));
        return Multi.createBy().merging().streams(news, heartbeats)
                .onSubscription().invoke(s -> {
                    openStreams.incrementAndGet();
                    lastOpened = System.nanoTime();
                })
                .onTermination().invoke(openStreams::decrementAndGet);
    }

    /** One server-sent event, as notification-service sends them. */
    private record Event(String name, String data) implements SseEvent<String> {

        @Override
        public String id() {
            return null;
        }

        @Override
        public String comment() {
            return null;
        }
    }
}

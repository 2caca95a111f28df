package de.fallnetz.gateway.ui;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import de.fallnetz.platform.rest.Problem;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Limits how often one client address may start a sign-in: every request to the pages ({@code /ui}, {@code /ui/…})
 * without a session cookie is one that would be sent to the identity provider (or is the way back from it). A token
 * bucket per address ({@code fallnetz.gateway.ui.sign-in-burst} at once, {@code sign-in-per-minute} in the long run);
 * beyond it a 429 problem with {@code Retry-After}, before the OIDC redirect is made. Signed-in clerks are not
 * counted. Password guessing itself is slowed by the identity provider (Keycloak's brute-force detection in the
 * realm). Per gateway instance and in memory; idle buckets are dropped when there are many.
 */
@ApplicationScoped
public class SignInRateLimiter {

    private static final int MAX_TRACKED = 10_000;

    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final int burst;
    private final double perSecond;

    public SignInRateLimiter(UiConfig config) {
        this.burst = config.signInBurst();
        this.perSecond = config.signInPerMinute() / 60.0;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::filter);
    }

    private void filter(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (!(path.equals("/ui") || path.startsWith("/ui/")) || hasSession(ctx)) {
            ctx.next();
            return;
        }
        String client = ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
        long wait = acquire(client);
        if (wait == 0) {
            ctx.next();
            return;
        }
        JsonObject problem = new JsonObject().put("type", "urn:fallnetz:problem:too-many-sign-ins")
                .put("title", "Too Many Requests").put("status", 429)
                .put("detail", "Too many sign-ins from this address; try again in " + wait + " s")
                .put("instance", ctx.request().path());
        ctx.response().setStatusCode(429).putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Retry-After", Long.toString(wait)).end(problem.encode());
    }

    private static boolean hasSession(RoutingContext ctx) {
        return ctx.request().cookies().stream().anyMatch(c -> c.getName().startsWith("q_session"));
    }

    /** Takes one sign-in from the address's bucket: 0 if allowed, otherwise the seconds until one is free again. */
    long acquire(String client) {
        long now = System.nanoTime();
        if (buckets.size() > MAX_TRACKED) {
            buckets.values().removeIf(b -> b.isFull(burst, perSecond, now));
        }
        return buckets.computeIfAbsent(client, c -> new Bucket(burst, now)).take(burst, perSecond, now);
    }

    private static final class Bucket {

        private double tokens;
        private long refilledAt;

        Bucket(int burst, long now) {
            this.tokens = burst;
            this.refilledAt = now;
        }

        synchronized long take(int burst, double perSecond, long now) {
            refill(burst, perSecond, now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perSecond);
        }

        synchronized boolean isFull(int burst, double perSecond, long now) {
            refill(burst, perSecond, now);
            return tokens >= burst;
        }

        private void refill(int burst, double perSecond, long now) {
            tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * perSecond);
            refilledAt = now;
        }
    }
}

package de.fallnetz.platform.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses a body larger than its route's limit with a problem, before anything reads it. Vert.x would refuse one
 * above {@code quarkus.http.limits.max-body-size} too, but with an empty 413 that tells the client nothing. The limit
 * is Quarkus's unless {@link BodyLimitConfig} gives routes their own (the gateway: 64 KiB everywhere but on the
 * document uploads).
 */
@ApplicationScoped
public class BodyLimitRoute {

    /**
     * Where Quarkus keeps the limit of a body sent without Content-Length (chunked), which its request streams check
     * while reading (VertxHttpRecorder.MAX_REQUEST_SIZE_KEY); Quarkus sets it to its global limit at route order -2.
     */
    static final String MAX_REQUEST_SIZE_KEY = "io.quarkus.max-request-size";

    private record Limit(Pattern path, long max) {
    }

    private final long defaultLimit;
    private final List<Limit> routes = new ArrayList<>();
    /** Whether any route's limit differs from Quarkus's own. */
    private final boolean ownLimits;

    public BodyLimitRoute(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize,
            BodyLimitConfig config) {
        this.defaultLimit = config.defaultLimit().orElse(maxBodySize).asLongValue();
        config.routes().values().forEach(r -> routes.add(new Limit(Pattern.compile(r.path()),
                Math.min(r.max().asLongValue(), maxBodySize.asLongValue()))));
        this.ownLimits = !routes.isEmpty() || defaultLimit != maxBodySize.asLongValue();
    }

    /** The largest body the path takes. */
    long limit(String path) {
        for (Limit route : routes) {
            if (path != null && route.path().matcher(path).matches()) {
                return route.max();
            }
        }
        return defaultLimit;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            long max = limit(ctx.normalizedPath());
            String length = ctx.request().getHeader("Content-Length");
            if (length != null && length.chars().allMatch(Character::isDigit) && length.length() < 19
                    && Long.parseLong(length) > max) {
                refuse(ctx, "The body has " + length + " bytes; at most " + max + " are accepted");
                return;
            }
            ctx.next();
        });
        if (ownLimits) {
            // A body without Content-Length is counted while it is read: after Quarkus put its global limit, this
            // route's own takes its place.
            router.route().order(-1).handler(ctx -> {
                if (ctx.request().getHeader("Content-Length") == null) {
                    ctx.put(MAX_REQUEST_SIZE_KEY, limit(ctx.normalizedPath()));
                }
                ctx.next();
            });
        }
    }

    private static void refuse(RoutingContext ctx, String detail) {
        JsonObject problem = new JsonObject()
                .put("type", "urn:fallnetz:problem:body-too-large")
                .put("title", "Payload Too Large")
                .put("status", 413)
                .put("detail", detail)
                .put("instance", ctx.request().path());
        ctx.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Connection", "close").end(problem.encode());
    }
}

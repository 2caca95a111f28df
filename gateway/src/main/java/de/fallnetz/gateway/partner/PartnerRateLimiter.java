package de.fallnetz.gateway.partner;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * A token bucket per partner client, in memory: {@code burst} calls at once, {@code perSecond} in the long run. One
 * client's burst cannot slow the others down. Per gateway instance: with n instances a client gets up to n times the
 * rate, which is what a shared store would fix.
 */
@ApplicationScoped
public class PartnerRateLimiter {

    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final int burst;
    private final double perSecond;

    public PartnerRateLimiter(PartnerFrontDoorConfig config) {
        this.burst = config.burst();
        this.perSecond = config.perSecond();
    }

    /** Takes one call from the client's bucket; 0 if allowed, otherwise the seconds until one is free again. */
    public long acquire(String client) {
        return buckets.computeIfAbsent(client, c -> new Bucket(burst)).take(burst, perSecond, System.nanoTime());
    }

    private static final class Bucket {

        private double tokens;
        private long refilledAt = System.nanoTime();

        Bucket(int burst) {
            this.tokens = burst;
        }

        synchronized long take(int burst, double perSecond, long now) {
            tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * perSecond);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perSecond);
        }
    }
}

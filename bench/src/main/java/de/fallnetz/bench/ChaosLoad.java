package de.fallnetz.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens cases through the gateway at a steady rate, as a careful client would during an outage: every case has its
 * own {@code Idempotency-Key}, and a 503, 429, 409 "in progress", a timeout or a refused connection is retried with the
 * same key, after {@code Retry-After} where given, else with exponential back-off and jitter (0.5 s doubling up to
 * 30 s), until the case is accepted or ten minutes have passed. At most {@link #CLIENTS} requests are open at once: a
 * first run with one thread per waiting case sent the gateway thousands of concurrent retries after an outage and ran
 * it out of heap.
 */
final class ChaosLoad {

    private static final Pattern CASE_ID = Pattern.compile("\"caseId\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Duration GIVE_UP = Duration.ofMinutes(10);
    static final int CLIENTS = 32;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();
    private final URI endpoint;
    private final long startNanos = System.nanoTime();
    private final ClerkToken token = new ClerkToken();

    /** Idempotency key → the case ID the gateway answered with (the same on every retry, or a second case). */
    final Map<String, String> accepted = new ConcurrentHashMap<>();
    /** Keys that got two different case IDs: a second case opened by a retry. */
    final Map<String, List<String>> conflicting = new ConcurrentHashMap<>();
    /** Answers by status code; 0 = timeout or refused connection. */
    final Map<Integer, LongAdder> answers = new ConcurrentSkipListMap<>();
    /** 503 answers that carried a {@code Retry-After}. */
    final LongAdder retryAfterGiven = new LongAdder();
    final LongAdder retried = new LongAdder();
    final AtomicInteger offered = new AtomicInteger();
    final AtomicInteger gaveUp = new AtomicInteger();
    final AtomicInteger rejected = new AtomicInteger();
    /** Second of the run → cases accepted in it, for the chart. */
    final Map<Integer, LongAdder> acceptedPerSecond = new ConcurrentSkipListMap<>();

    ChaosLoad(String gatewayUrl) {
        this.endpoint = URI.create(gatewayUrl + "/api/cases");
    }

    /**
     * Offers cases at {@code perSecond}, each at its due time: at least {@code cases}, and on while {@code more} says
     * so (the faults are still being injected). Returns when every offered case is settled.
     */
    void run(int cases, double perSecond, BooleanSupplier more, Progress progress) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        AtomicInteger settled = new AtomicInteger();
        long start = System.nanoTime();
        for (int i = 0; i < cases || more.getAsBoolean(); i++) {
            long due = start + (long) (i * 1e9 / perSecond);
            while (System.nanoTime() < due) {
                LockSupport.parkNanos(due - System.nanoTime());
            }
            int applicant = offered.incrementAndGet();
            pool.execute(() -> {
                openOne(UUID.randomUUID().toString(), Applicants.openCaseJson(applicant));
                progress.update(settled.incrementAndGet(), Math.max(cases, offered.get()));
            });
        }
        pool.shutdown();
        pool.awaitTermination(GIVE_UP.toMinutes() + 1, TimeUnit.MINUTES);
    }

    /** Opens one case, repeating the same body under the same key until it is accepted, refused or given up. */
    private void openOne(String key, String body) {
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        int attempt = 0;
        while (System.nanoTime() < deadline) {
            if (attempt > 0) {
                retried.increment();
            }
            long backOff = Math.min(30_000, 500L << Math.min(6, attempt++));
            long pause = (long) (backOff * (0.5 + Math.random()));
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint)
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token.get())
                        .header("Idempotency-Key", key)
                        .timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                count(status);
                if (status == 200 || status == 201) {
                    Matcher m = CASE_ID.matcher(response.body());
                    if (m.find()) {
                        accept(key, m.group(1));
                        return;
                    }
                }
                if (status == 401) {
                    token.invalidate();
                } else if (status == 503 || status == 429 || status == 409 || status == 502 || status == 504
                        || status == 500) {
                    String retryAfter = response.headers().firstValue("Retry-After").orElse(null);
                    if (retryAfter != null) {
                        if (status == 503) {
                            retryAfterGiven.increment();
                        }
                        pause = Math.min(30_000, Long.parseLong(retryAfter.trim()) * 1000);
                    }
                } else {
                    rejected.incrementAndGet();
                    return;
                }
            } catch (IOException e) {
                count(0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // Keycloak unreachable for a moment: try again.
                count(-1);
            }
            LockSupport.parkNanos(Duration.ofMillis(pause).toNanos());
        }
        gaveUp.incrementAndGet();
    }

    private void accept(String key, String caseId) {
        String earlier = accepted.putIfAbsent(key, caseId);
        if (earlier != null && !earlier.equals(caseId)) {
            conflicting.put(key, List.of(earlier, caseId));
        }
        int second = (int) ((System.nanoTime() - startNanos) / 1_000_000_000L);
        acceptedPerSecond.computeIfAbsent(second, s -> new LongAdder()).increment();
    }

    private void count(int status) {
        answers.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    long startNanos() {
        return startNanos;
    }
}

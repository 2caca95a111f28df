package de.fallnetz.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Opens cases through the gateway from a fixed number of clients, each waiting for its answer before the next. */
final class LoadDriver {

    private static final Pattern CASE_ID = Pattern.compile("\"caseId\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI endpoint;
    private final ClerkToken token = new ClerkToken();
    private final AtomicInteger applicants = new AtomicInteger();

    LoadDriver(String gatewayUrl) {
        this.endpoint = URI.create(gatewayUrl + "/api/cases");
    }

    record Run(List<String> caseIds, long[] latenciesNanos, double seconds) {

        double perSecond() {
            return caseIds.size() / seconds;
        }
    }

    /** As fast as the clients get answers. */
    Run open(int cases, int clients, Progress progress) throws Exception {
        return open(cases, clients, 0, progress);
    }

    /**
     * At {@code perSecond} cases a second (0: as fast as the clients get answers), each case started at its due time
     * whether or not earlier ones are answered, as long as a client is free.
     */
    Run open(int cases, int clients, double perSecond, Progress progress) throws Exception {
        List<String> ids = Collections.synchronizedList(new ArrayList<>(cases));
        long[] latencies = new long[cases];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            long start = System.nanoTime();
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < clients; w++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < cases; i = next.getAndIncrement()) {
                        if (perSecond > 0) {
                            long due = start + (long) (i * 1e9 / perSecond);
                            while (System.nanoTime() < due) {
                                LockSupport.parkNanos(due - System.nanoTime());
                            }
                        }
                        long t0 = System.nanoTime();
                        ids.add(openOne(applicants.incrementAndGet()));
                        latencies[i] = System.nanoTime() - t0;
                        progress.update(ids.size(), cases);
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                f.get();
            }
            return new Run(List.copyOf(ids), latencies, (System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Opens one case for applicant number {@code applicant} ({@link Applicants}). */
    private String openOne(int applicant) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token.get())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(Applicants.openCaseJson(applicant)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        Matcher m = CASE_ID.matcher(response.body());
        if (response.statusCode() != 201 || !m.find()) {
            throw new IllegalStateException("POST /api/cases answered " + response.statusCode() + ": "
                    + response.body());
        }
        return m.group(1);
    }
}

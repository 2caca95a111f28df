package de.fallnetz.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import de.fallnetz.devstack.FallnetzService;
import de.fallnetz.devstack.PartnerTokens;
import de.fallnetz.devstack.StackEndpoints;

/**
 * Takes cases through their whole life, each client one case at a time: a clerk opens it through the gateway and ticks
 * its checklist, every partner the routing plan asked reads its request and answers through its own partner API, the
 * clerk decides once the case is ready. Waiting (for a request to reach its partner, for the case to become ready)
 * polls the databases, not the gateway, so that the waiting costs the services nothing; each wait's polls run in one
 * read-committed transaction (every poll sees what has been committed since) that is rolled back, so that they do not
 * count among the service database's commits (a poll in autocommit is one: they were most of case-service's).
 */
final class LifecycleDriver {

    /**
     * The partner service of each interaction kind the bench's case type asks, and its answer. The organisation a
     * request is addressed to is the service's own (e.g. {@code bamf}, a Welcome Center per Land), read with the
     * request.
     */
    private record Partner(FallnetzService service, String answer) {
    }

    private static final Map<String, Partner> PARTNERS = Map.of(
            "BA_CONSENT", new Partner(FallnetzService.BA_CONSENT, """
                    {"outcome":"GRANTED","reasons":"Arbeitsbedingungen geprüft"}"""),
            "RECOGNITION", new Partner(FallnetzService.RECOGNITION, """
                    {"outcome":"GRANTED","equivalence":"FULL","reference":"ZAB-BENCH-1"}"""),
            "SECURITY_CHECK", new Partner(FallnetzService.SECURITY_CHECK, """
                    {"outcome":"NO_OBJECTION"}"""),
            "INTEGRATION_COURSE", new Partner(FallnetzService.INTEGRATION_COURSE, """
                    {"outcome":"GRANTED","bamfReference":"BAMF-BENCH-1"}"""),
            "WELCOME_CENTER", new Partner(FallnetzService.WELCOME_CENTER, """
                    {"outcome":"ACKNOWLEDGED"}"""));

    private static final Duration POLL = Duration.ofMillis(20);
    private static final Duration PATIENCE = Duration.ofMinutes(5);

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String gateway;
    private final Map<FallnetzService, String> serviceUrls;
    private final StackEndpoints stack;
    private final ClerkToken clerk = new ClerkToken();
    private final Map<String, String> partnerTokens = new ConcurrentHashMap<>();
    private final AtomicInteger applicants = new AtomicInteger();
    /** Calls answered 503 and repeated. */
    final AtomicInteger retries = new AtomicInteger();

    LifecycleDriver(String gateway, Map<FallnetzService, String> serviceUrls, StackEndpoints stack) {
        this.gateway = gateway;
        this.serviceUrls = serviceUrls;
        this.stack = stack;
    }

    /** The cases taken through their life, and per case the time from opening to the decision's answer. */
    record Run(List<String> caseIds, long[] latenciesNanos, double seconds, Map<String, Long> interactionsByKind) {
    }

    Run drive(int cases, int clients, Progress progress) throws Exception {
        List<String> ids = Collections.synchronizedList(new ArrayList<>(cases));
        long[] latencies = new long[cases];
        Map<String, Long> kinds = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            long start = System.nanoTime();
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < clients; w++) {
                workers.add(pool.submit(() -> {
                    Map<FallnetzService, Connection> partnerDbs = new HashMap<>();
                    try (Connection caseDb = BenchSupport.caseDb(stack)) {
                        for (int i = next.getAndIncrement(); i < cases; i = next.getAndIncrement()) {
                            long t0 = System.nanoTime();
                            String caseId = live(caseDb, partnerDbs, kinds);
                            latencies[i] = System.nanoTime() - t0;
                            ids.add(caseId);
                            progress.update(ids.size(), cases);
                        }
                    } finally {
                        for (Connection c : partnerDbs.values()) {
                            c.close();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                f.get();
            }
            return new Run(List.copyOf(ids), latencies, (System.nanoTime() - start) / 1e9, new LinkedHashMap<>(kinds));
        } finally {
            pool.shutdownNow();
        }
    }

    /** One case from opening to its decision. */
    private String live(Connection caseDb, Map<FallnetzService, Connection> partnerDbs, Map<String, Long> kinds)
            throws Exception {
        JsonNode c = clerkCall("POST", "/api/cases", null, openCaseJson(applicants.incrementAndGet()), 201);
        String caseId = c.get("caseId").asText();
        List<String> items = new ArrayList<>();
        c.get("checklist").forEach(item -> items.add(item.get("id").asText()));
        long version = c.get("version").asLong();
        for (String item : items) {
            version = clerkCall("POST", "/api/cases/" + caseId + "/checklist/" + item + "/tick", version,
                    "{\"note\":\"liegt vor\"}", 200).get("version").asLong();
        }
        // The last tick published the requests in its own transaction: the case's interactions are there now.
        for (Map.Entry<String, String> interaction : interactions(caseDb, caseId).entrySet()) {
            answer(partnerDbs, interaction.getKey(), interaction.getValue());
            kinds.merge(interaction.getValue(), 1L, Long::sum);
        }
        awaitStatus(caseDb, caseId, "READY_FOR_DECISION");
        version = clerkCall("GET", "/api/cases/" + caseId, null, null, 200).get("version").asLong();
        clerkCall("POST", "/api/cases/" + caseId + "/decision", version,
                "{\"outcome\":\"GRANTED\",\"decidedBy\":\"clerk-berlin-17\"}", 200);
        return caseId;
    }

    /** The partner reads its request as soon as its service has it, then answers it with the request's version. */
    private void answer(Map<FallnetzService, Connection> partnerDbs, String interactionId, String kind)
            throws Exception {
        Partner partner = PARTNERS.get(kind);
        if (partner == null) {
            throw new IllegalStateException("The bench has no partner answer for interaction kind " + kind);
        }
        Connection db = partnerDbs.get(partner.service());
        if (db == null) {
            String name = partner.service().database();
            db = DriverManager.getConnection(stack.jdbcUrl(name), name, name);
            partnerDbs.put(partner.service(), db);
        }
        String organisation = awaitDelivered(db, interactionId, kind);
        String token = partnerTokens.computeIfAbsent(organisation, PartnerTokens.shared()::mint);
        String url = serviceUrls.get(partner.service()) + "/partner/v1/requests/" + interactionId;
        HttpResponse<String> request = send(HttpRequest.newBuilder(URI.create(url)).GET(), token);
        expect(request, 200, "GET " + url);
        long version = json.readTree(request.body()).get("version").asLong();
        HttpResponse<String> answered = send(HttpRequest.newBuilder(URI.create(url + "/answer"))
                .header("Content-Type", "application/json").header("If-Match", "\"" + version + "\"")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(partner.answer())), token);
        expect(answered, 200, "POST " + url + "/answer");
    }

    private JsonNode clerkCall(String method, String path, Long ifMatch, String body, int status) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway + path));
        if (body != null) {
            b.header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        if (ifMatch != null) {
            b.header("If-Match", "\"" + ifMatch + "\"");
        }
        HttpResponse<String> response = send(b, clerk.get());
        // A 503 (the service did not answer the gateway in time, or its circuit is open, as on a loaded machine) is
        // retried with the same Idempotency-Key after the Retry-After the gateway names, as a client should: it never
        // applies a command twice. For at most a minute: longer means the system is not coping, which the run reports.
        long giveUp = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        for (int unauthorised = 0; (response.statusCode() == 401 && unauthorised < 3)
                || (response.statusCode() == 503 && System.nanoTime() < giveUp); ) {
            if (response.statusCode() == 401) {
                unauthorised++;
                clerk.invalidate();
            } else {
                retries.incrementAndGet();
                Thread.sleep(retryAfterMillis(response));
            }
            response = send(b, clerk.get());
        }
        expect(response, status, method + " " + path);
        return json.readTree(response.body());
    }

    /** The wait a 503 asks for in whole seconds (Retry-After), at least 200 ms and at most 5 s. */
    private static long retryAfterMillis(HttpResponse<String> response) {
        long seconds = response.headers().firstValue("Retry-After").map(v -> {
            try {
                return Long.parseLong(v.trim());
            } catch (NumberFormatException e) {
                return 1L;
            }
        }).orElse(0L);
        return Math.max(200, Math.min(5_000, seconds * 1_000));
    }

    private HttpResponse<String> send(HttpRequest.Builder b, String token) throws Exception {
        return http.send(b.setHeader("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** Waits until the partner's service has the request delivered; the organisation it is addressed to. */
    private static String awaitDelivered(Connection db, String interactionId, String kind) throws Exception {
        return BenchSupport.uncommitted(db, () -> pollDelivered(db, interactionId, kind));
    }

    private static String pollDelivered(Connection db, String interactionId, String kind) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        try (PreparedStatement ps = db.prepareStatement(
                "select partner_organisation from interaction_request where id = ? and state <> 'REQUESTED'")) {
            ps.setString(1, interactionId);
            while (true) {
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return rs.getString(1);
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(kind + " request " + interactionId + " never reached its partner");
                }
                Thread.sleep(POLL.toMillis());
            }
        }
    }

    /** Interaction ID → kind, of the case's interactions. */
    private static Map<String, String> interactions(Connection c, String caseId) throws SQLException {
        Map<String, String> found = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select id, kind from case_interaction where case_id = ? order by requested_at, id")) {
            ps.setObject(1, UUID.fromString(caseId));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return found;
    }

    private static void awaitStatus(Connection c, String caseId, String status) throws Exception {
        BenchSupport.uncommitted(c, () -> pollStatus(c, caseId, status));
    }

    private static String pollStatus(Connection c, String caseId, String status) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        try (PreparedStatement ps = c.prepareStatement("select status from fallnetz_case where id = ?")) {
            ps.setObject(1, UUID.fromString(caseId));
            while (true) {
                String now;
                try (ResultSet rs = ps.executeQuery()) {
                    now = rs.next() ? rs.getString(1) : null;
                }
                if (status.equals(now)) {
                    return now;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Case " + caseId + " still " + now + ", not " + status);
                }
                Thread.sleep(POLL.toMillis());
            }
        }
    }

    /**
     * An EU Blue Card at the reduced salary threshold, a qualification not yet recognised, a nationality on the
     * security-consultation list, a first issue and Welcome Center support: the routing plan asks five partners (BA,
     * ZAB, BVA, BAMF, Welcome Center). Each applicant has an address of their own, so that the mail rate limit per
     * recipient never holds a mail back, and a date of birth of their own ({@link Applicants}).
     */
    static String openCaseJson(int applicant) {
        return """
                {
                  "caseType": "BLUE_CARD",
                  "officeId": "abh-berlin",
                  "applicant": {
                    "familyName": "Haddad",
                    "givenNames": "Rami",
                    "dateOfBirth": "%s",
                    "nationality": "SYR",
                    "preferredLanguage": "en",
                    "email": "applicant-%d@bench.fallnetz.test"
                  },
                  "application": {
                    "postalCode": "10115",
                    "employer": "Beispiel Software GmbH, Berlin",
                    "jobTitle": "Data Engineer",
                    "grossAnnualSalaryEur": 47000,
                    "salaryBand": "REDUCED",
                    "qualification": "BSc Informatics, Damascus University",
                    "qualificationRecognised": false,
                    "firstIssue": true,
                    "welcomeCenterSupport": true
                  }
                }""".formatted(Applicants.dateOfBirth(applicant), applicant);
    }
}

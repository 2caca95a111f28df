package de.fallnetz.gateway;

import static io.restassured.RestAssured.given;
import static jakarta.ws.rs.core.Response.Status.CREATED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import de.fallnetz.devstack.FallnetzStackResource;
import de.fallnetz.devstack.Fixtures;
import de.fallnetz.devstack.SharedKeycloak;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
@TestProfile(SlowCaseService.class)
@WithTestResource(value = FallnetzStackResource.class, initArgs = @ResourceArg(name = "service", value = "gateway"))
class CaseOpeningAdmissionTest {

    private static final int REQUESTS = 8;

    @Test
    void shouldRefuseOpeningsBeyondTheLimitAtOnceWith503AndRetryAfterAndLetTheAdmittedOnesThrough()
            throws Exception {
        int admitted = SlowCaseService.MAX_CONCURRENT + SlowCaseService.MAX_WAITING;
        // Nothing of another test still held, so that the counts below are this test's.
        await().atMost(Duration.ofSeconds(20)).until(() -> SlowCaseService.held.get() == 0);
        SlowCaseService.hold();
        // One token for all: the point is concurrency at the gateway, not at Keycloak.
        String token = SharedKeycloak.tokens().user(Callers.CLERK_BERLIN);
        ExecutorService clients = Executors.newFixedThreadPool(REQUESTS);
        try {
            List<CompletableFuture<Response>> answers = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                String key = "admission-" + i + "-" + System.nanoTime();
                answers.add(CompletableFuture.supplyAsync(() -> given().auth().oauth2(token).contentType(ContentType.JSON)
                        .header("Idempotency-Key", key).body(Fixtures.openCaseJson())
                        .when().post("/api/cases").andReturn(), clients));
            }
            // While the case service holds the admitted ones, every other opening is answered without waiting.
            await().atMost(Duration.ofSeconds(20)).until(() -> SlowCaseService.held.get()
                    == SlowCaseService.MAX_CONCURRENT
                    && answers.stream().filter(CompletableFuture::isDone).count() == REQUESTS - admitted);
            List<Response> refused = answers.stream().filter(CompletableFuture::isDone).map(CompletableFuture::join)
                    .toList();
            assertThat(refused).allSatisfy(r -> {
                assertThat(r.statusCode()).isEqualTo(503);
                assertThat(r.contentType()).startsWith("application/problem+json");
                assertThat(r.header("Retry-After")).isEqualTo("3");
                assertThat(r.header("Idempotency-Key")).startsWith("admission-");
                assertThat(r.jsonPath().getString("type")).isEqualTo("urn:fallnetz:problem:service-unavailable");
            });

            SlowCaseService.release();
            Map<Integer, Long> statuses = answers.stream().map(f -> f.orTimeout(30, TimeUnit.SECONDS).join())
                    .collect(Collectors.groupingBy(Response::statusCode, Collectors.counting()));
            assertThat(statuses).containsExactlyInAnyOrderEntriesOf(
                    Map.of(201, (long) admitted, 503, (long) (REQUESTS - admitted)));
        } finally {
            SlowCaseService.release();
            clients.shutdownNow();
        }
        assertThat(metric("fallnetz_gateway_case_openings_refused_total")).isGreaterThanOrEqualTo(REQUESTS - admitted);
    }

    @Test
    void shouldSendEachOpeningWithItsOwnCallersTokenAlsoWhenItWaitedForAPlace() {
        Map<String, String> userByKey = new LinkedHashMap<>();
        Map<String, String> tokenByKey = new LinkedHashMap<>();
        for (String user : List.of(Callers.CLERK_BERLIN, "ben.weber", "tom.becker")) {
            String key = "caller-" + UUID.randomUUID();
            userByKey.put(key, user);
            tokenByKey.put(key, SharedKeycloak.tokens().user(user));
        }
        // Nothing of another test still held, so that the counts below are this test's.
        await().atMost(Duration.ofSeconds(20)).until(() -> SlowCaseService.held.get() == 0);
        SlowCaseService.hold();
        ExecutorService clients = Executors.newFixedThreadPool(userByKey.size());
        try {
            Map<String, CompletableFuture<Response>> answers = new LinkedHashMap<>();
            for (String key : userByKey.keySet()) {
                answers.put(key, CompletableFuture.supplyAsync(() -> given().auth().oauth2(tokenByKey.get(key))
                        .contentType(ContentType.JSON).header("Idempotency-Key", key).body(Fixtures.openCaseJson())
                        .when().post("/api/cases").andReturn(), clients));
                // One at a time, so that the last one surely waits for a place another caller's opening frees.
                int admitted = Math.min(answers.size(), SlowCaseService.MAX_CONCURRENT);
                int waiting = answers.size() - admitted;
                await().atMost(Duration.ofSeconds(20)).until(() -> SlowCaseService.held.get() == admitted
                        && metric("ft_bulkhead_executionsWaiting") == waiting);
            }
            SlowCaseService.release();
            answers.forEach((key, answer) -> assertThat(answer.orTimeout(30, TimeUnit.SECONDS).join().statusCode())
                    .as(key).isEqualTo(CREATED.getStatusCode()));
            userByKey.forEach((key, user) -> assertThat(SlowCaseService.callerByKey.get(key))
                    .as("the caller named in the token of " + key).isEqualTo(user));
        } finally {
            SlowCaseService.release();
            clients.shutdownNow();
        }
    }

    private static double metric(String name) {
        String text = given().when().get("/q/metrics").asString();
        return text.lines().filter(l -> l.startsWith(name)).map(l -> l.substring(l.lastIndexOf(' ') + 1))
                .mapToDouble(Double::parseDouble).sum();
    }
}

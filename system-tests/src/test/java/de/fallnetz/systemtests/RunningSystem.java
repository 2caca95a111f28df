package de.fallnetz.systemtests;

import static io.restassured.RestAssured.given;
import static jakarta.ws.rs.core.Response.Status.CONFLICT;
import static jakarta.ws.rs.core.Response.Status.CREATED;
import static jakarta.ws.rs.core.Response.Status.OK;
import static jakarta.ws.rs.core.Response.Status.SERVICE_UNAVAILABLE;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.oneOf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import de.fallnetz.devstack.DatabaseTestClient;
import de.fallnetz.devstack.DevStack;
import de.fallnetz.devstack.FallnetzService;
import de.fallnetz.devstack.Fixtures;
import de.fallnetz.devstack.ServiceProcess;
import de.fallnetz.devstack.SharedKeycloak;
import de.fallnetz.devstack.SharedStack;
import de.fallnetz.devstack.StackEndpoints;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * The whole system for one test JVM: the shared embedded stack, Keycloak and the packaged services, each as its own
 * process on a free port (so a local ./run can go on beside it). Started once, stopped when the JVM exits.
 */
final class RunningSystem {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static RunningSystem instance;

    private final Path root = Path.of(System.getProperty("fallnetz.root", "..")).toAbsolutePath().normalize();
    private final StackEndpoints stack = SharedStack.endpoints();
    private final Map<FallnetzService, Integer> ports = new LinkedHashMap<>();
    private final Map<FallnetzService, ServiceProcess> processes = new LinkedHashMap<>();
    /** The identity provider the gateway signs callers in at: the JVM's Keycloak. */
    private final String issuer = SharedKeycloak.issuer();

    static synchronized RunningSystem get() {
        if (instance == null) {
            RunningSystem system = new RunningSystem();
            // Before the start: a start that fails half-way must not leave the services it did start running on
            // after the JVM (they did, and loaded the machine for an hour).
            Runtime.getRuntime().addShutdownHook(new Thread(system::stopAll, "system-tests-shutdown"));
            try {
                system.startAll();
            } catch (RuntimeException e) {
                system.stopAll();
                throw e;
            }
            instance = system;
        }
        return instance;
    }

    private void startAll() {
        for (FallnetzService s : FallnetzService.values()) {
            ports.put(s, DevStack.freePort());
        }
        List<FallnetzService> all = List.of(FallnetzService.values());
        for (FallnetzService s : all) {
            launch(s, Map.of());
        }
        for (FallnetzService s : all) {
            awaitReady(s);
        }
        RestAssured.filters(new SignedInClerk(url(FallnetzService.GATEWAY)));
    }

    /**
     * Signs every request to the gateway that carries no token of its own in as the demo clerk anna.schmidt
     * (abh-berlin, where {@link Fixtures#openCaseJson()} routes), with a token from Keycloak: the tests of the case
     * process stay about the process; the identity tests send their own tokens.
     */
    private static final class SignedInClerk implements Filter {

        private final String gateway;
        private String token;
        private long fetchedAt;

        SignedInClerk(String gateway) {
            this.gateway = gateway;
        }

        @Override
        public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
                FilterContext context) {
            if (request.getURI().startsWith(gateway) && !request.getHeaders().hasHeaderWithName("Authorization")) {
                request.header("Authorization", "Bearer " + token());
            }
            return context.next(request, response);
        }

        private synchronized String token() {
            // Keycloak's access tokens live five minutes; a fresh one well before that.
            if (token == null || System.nanoTime() - fetchedAt > Duration.ofMinutes(3).toNanos()) {
                token = SharedKeycloak.tokens().user("anna.schmidt");
                fetchedAt = System.nanoTime();
            }
            return token;
        }
    }

    StackEndpoints stack() {
        return stack;
    }

    String url(FallnetzService service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    /** Health and metrics of the running instance (its management interface). */
    String managementUrl(FallnetzService service) {
        return processes.get(service).managementUrl();
    }

    /** Opens a case through the gateway, as a client would; returns its case ID. */
    /** Opens a case as a careful client does: repeated with its key on a 503 or while in progress; 201 the first time. */
    String openCase() {
        return openCase(Fixtures.openCaseJson());
    }

    /** {@link #openCase()} with the given request body (a JSON string or a map). */
    String openCase(Object body) {
        String key = UUID.randomUUID().toString();
        Callable<Response> post = () -> given().baseUri(url(FallnetzService.GATEWAY)).contentType(ContentType.JSON)
                .header("Idempotency-Key", key).body(body).when().post("/api/cases");
        // A repeat may find the case the first attempt opened (200).
        return repeatedOnUnavailable(post).then().statusCode(oneOf(CREATED.getStatusCode(), OK.getStatusCode()))
                .extract().path("caseId");
    }

    /** The case as the gateway answers it (200 expected). */
    JsonPath readCase(String caseId) {
        return given().baseUri(url(FallnetzService.GATEWAY)).when().get("/api/cases/" + caseId).then()
                .statusCode(OK.getStatusCode()).extract().jsonPath();
    }

    /**
     * A clerk's command on a case through the gateway, as a careful client sends it: the version read once, one
     * Idempotency-Key for every attempt, repeated on a 503 (a repeat with the key answers the case as the first
     * attempt left it, whatever the version is by then). Expects 200 and returns the case.
     */
    JsonPath command(String caseId, String path, Object body) {
        String gateway = url(FallnetzService.GATEWAY);
        long version = readCase(caseId).getLong("version");
        String key = UUID.randomUUID().toString();
        return repeatedOnUnavailable(() -> given().baseUri(gateway).contentType(ContentType.JSON)
                .header("If-Match", "\"" + version + "\"").header("Idempotency-Key", key)
                .body(body == null ? Map.of() : body).when().post("/api/cases/" + caseId + "/" + path))
                .then().statusCode(OK.getStatusCode()).extract().jsonPath();
    }

    /**
     * An accelerated skilled-worker case (§81a) opened by its employer, Beispiel Software GmbH in Berlin, with a
     * relocation agency involved: the case the relocation hand-off is routed for.
     */
    static Map<String, Object> acceleratedCaseWithRelocationAgency(String familyName, String givenNames,
            String dateOfBirth, String nationality) {
        Map<String, Object> application = new LinkedHashMap<>();
        application.put("placeOfWorkPostalCode", "10115");
        application.put("employer", "Beispiel Software GmbH");
        application.put("jobTitle", "Backend Developer");
        application.put("targetTitle", "SKILLED_WORKER_ACADEMIC_18B");
        application.put("grossAnnualSalaryEur", 56000);
        application.put("qualification", "B.E. Computer Engineering");
        application.put("qualificationRecognised", true);
        application.put("relocationAgencyInvolved", true);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("caseType", "ACCELERATED_SKILLED_WORKER");
        body.put("openedBy", "EMPLOYER");
        body.put("onBehalfOf", "Beispiel Software GmbH");
        body.put("applicant", Map.of("familyName", familyName, "givenNames", givenNames, "dateOfBirth", dateOfBirth,
                "nationality", nationality, "preferredLanguage", "en"));
        body.put("application", application);
        return body;
    }

    /**
     * As the gateway asks of its clients: a 503 (case-service did not answer in time, which a cold system on a busy
     * machine does) is repeated with the same Idempotency-Key, which applies the request once; so is a 409 while the
     * earlier attempt with that key is still running.
     */
    static Response repeatedOnUnavailable(Callable<Response> call) {
        return await().atMost(Duration.ofMinutes(2)).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1))
                .until(call, r -> r.statusCode() != SERVICE_UNAVAILABLE.getStatusCode()
                        && !(r.statusCode() == CONFLICT.getStatusCode() && r.asString().contains("in-progress")));
    }

    DatabaseTestClient db(FallnetzService service) {
        return new DatabaseTestClient(stack, service);
    }

    /** SIGKILL: the service gets no chance to finish what it was doing. */
    void kill(FallnetzService service) throws InterruptedException {
        processes.remove(service).kill();
    }

    /** Stops the service if it runs and starts it again, with extra environment; waits until it is ready. */
    void restart(FallnetzService service, Map<String, String> extraEnv) {
        ServiceProcess running = processes.remove(service);
        if (running != null) {
            running.close();
        }
        launch(service, extraEnv);
        awaitReady(service);
    }

    /**
     * Starts one more instance of a service beside the running one, on a free port, with some of its environment
     * replaced; it is the caller's to close. Does not wait for readiness.
     */
    ServiceProcess startAnother(FallnetzService service, Map<String, String> overrides) {
        Map<FallnetzService, Integer> own = new LinkedHashMap<>(ports);
        own.put(service, DevStack.freePort());
        Map<String, String> env = new java.util.HashMap<>(service.environment(stack, own, issuer));
        env.putAll(TRACING);
        env.putAll(overrides);
        Path log = root.resolve("system-tests/target/logs").resolve(service.id() + "-another.log");
        try {
            return ServiceProcess.start(service, ServiceProcess.applicationJar(root, service), env, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Tracing on, so that the trace context travels over HTTP and Kafka (TracingIT), but no span sampled: nothing is
     * exported, and no collector is needed.
     */
    static final Map<String, String> TRACING = Map.of("OTEL_SDK_DISABLED", "false",
            "QUARKUS_OTEL_TRACES_SAMPLER", "always_off");

    private void launch(FallnetzService service, Map<String, String> extraEnv) {
        Map<String, String> env = new java.util.HashMap<>(service.environment(stack, ports, issuer));
        env.putAll(TRACING);
        env.putAll(extraEnv);
        Path log = root.resolve("system-tests/target/logs").resolve(service.id() + ".log");
        try {
            processes.put(service, ServiceProcess.start(service, ServiceProcess.applicationJar(root, service), env, log));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady(FallnetzService service) {
        ServiceProcess p = processes.get(service);
        try {
            if (!p.awaitReady(READY_TIMEOUT)) {
                throw new IllegalStateException(service.id() + " did not become ready; log:\n" + p.logTail(60));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Stops every service at once. One after the other (each up to 20 s, more once Kafka's own shutdown hook has
     * stopped the broker) outlasted the time Maven gives the test JVM to exit: it was killed, and the services started
     * last, those the crash tests had restarted, ran on after the build (three of them after the CI run of 27 Nov).
     */
    private synchronized void stopAll() {
        List<ServiceProcess> running = new ArrayList<>(processes.values());
        processes.clear();
        List<Thread> stopping = running.stream()
                .map(p -> new Thread(p::close, "system-tests-stop")).toList();
        stopping.forEach(Thread::start);
        for (Thread t : stopping) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

}

package de.fallnetz.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * One of the services as {@code services.yaml} at the repository root lists them (devstack's build copies it onto
 * the classpath): name, module folder, fixed local port, database, pool, topics. {@code ./run}, the tests and the
 * benchmarks read that file through this class; adding a service is an entry there plus its module. The constants
 * name the services that code refers to; {@link #values()} is every entry of the file.
 */
public final class FallnetzService {

    /** The file, as a classpath resource. */
    public static final String RESOURCE = "/services.yaml";

    private static final List<FallnetzService> ALL = load();

    public static final FallnetzService CASE_SERVICE = byId("case-service");
    public static final FallnetzService PARTNER_SERVICE = byId("partner-service");
    public static final FallnetzService NOTIFICATION_SERVICE = byId("notification-service");
    public static final FallnetzService GATEWAY = byId("gateway");
    public static final FallnetzService BA_CONSENT = byId("ba-consent");
    public static final FallnetzService RECOGNITION = byId("recognition");
    public static final FallnetzService SECURITY_CHECK = byId("security-check");
    public static final FallnetzService INTEGRATION_COURSE = byId("integration-course");
    public static final FallnetzService REGISTRATION_OFFICE = byId("registration-office");
    public static final FallnetzService WELCOME_CENTER = byId("welcome-center");
    public static final FallnetzService SOCIAL_BENEFITS = byId("social-benefits");
    public static final FallnetzService RELOCATION_HANDOFF = byId("relocation-handoff");
    public static final FallnetzService OFFICE_TRANSFER = byId("office-transfer");

    /** One entry of the file. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Entry(String name, String module, int port, boolean partnerApi, int pool, Integer instances,
            List<String> calls, List<String> consumes, List<String> produces) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record File(List<Entry> services) {
    }

    private final Entry entry;

    private FallnetzService(Entry entry) {
        this.entry = entry;
    }

    /** Every service of the file, in its order. */
    public static FallnetzService[] values() {
        return ALL.toArray(FallnetzService[]::new);
    }

    public static List<FallnetzService> all() {
        return ALL;
    }

    public static FallnetzService byId(String id) {
        for (FallnetzService s : ALL) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("Unknown service " + id + ": not in " + RESOURCE);
    }

    /** Whether the service serves the partner API (/partner/v1), which checks partner tokens. */
    public boolean partnerApi() {
        return entry.partnerApi();
    }

    /** The process and application name, also the Kafka consumer group. */
    public String id() {
        return entry.name();
    }

    /** The Maven module's folder below the repository root. */
    public String modulePath() {
        return entry.module();
    }

    public int defaultPort() {
        return entry.port();
    }

    /** The fixed local port of its management interface (health, metrics, Swagger UI) under ./run: 1000 above. */
    public int defaultManagementPort() {
        return defaultPort() + 1000;
    }

    /** Database and login role of the service. */
    public String database() {
        return id().replace('-', '_');
    }

    /** The largest JDBC pool of one instance. */
    public int pool() {
        return entry.pool();
    }

    /** How many instances a deployment runs (1 under ./run). */
    public int instances() {
        return entry.instances() == null ? 1 : entry.instances();
    }

    public List<String> consumes() {
        return entry.consumes() == null ? List.of() : entry.consumes();
    }

    public List<String> produces() {
        return entry.produces() == null ? List.of() : entry.produces();
    }

    /** The services it calls over HTTP. */
    public List<FallnetzService> calls() {
        return entry.calls() == null ? List.of() : entry.calls().stream().map(FallnetzService::byId).toList();
    }

    /**
     * The configuration a service process needs to reach the stack and its peers, as environment variables.
     *
     * @param ports the HTTP port of every service in this run
     */
    public Map<String, String> environment(StackEndpoints stack, Map<FallnetzService, Integer> ports) {
        return environment(stack, ports, null);
    }

    /**
     * As {@link #environment(StackEndpoints, Map)}, with the OpenID Connect provider the gateway signs callers in at.
     *
     * @param oidcIssuer the realm's issuer URL (Keycloak's); null leaves the gateway without one, so it refuses every
     *                   call that needs a signed-in caller
     */
    public Map<String, String> environment(StackEndpoints stack, Map<FallnetzService, Integer> ports,
            String oidcIssuer) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(ports.get(this)));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", stack.jdbcUrl(database()));
        env.put("QUARKUS_DATASOURCE_USERNAME", database());
        env.put("QUARKUS_DATASOURCE_PASSWORD", database());
        env.put("QUARKUS_DATASOURCE_JDBC_MAX_SIZE", String.valueOf(pool()));
        env.put("KAFKA_BOOTSTRAP_SERVERS", stack.kafkaBootstrapServers());
        for (FallnetzService peer : calls()) {
            env.put("QUARKUS_REST_CLIENT_" + peer.id().toUpperCase(Locale.ROOT).replace('-', '_') + "_URL",
                    "http://127.0.0.1:" + ports.get(peer));
        }
        if (this == GATEWAY) {
            // The partner API's front door routes /partner/v1/{service}/… to the interaction services.
            StringBuilder routes = new StringBuilder();
            for (FallnetzService s : values()) {
                if (s.partnerApi() && ports.containsKey(s)) {
                    routes.append(routes.length() == 0 ? "" : ",").append(s.id()).append("=http://127.0.0.1:")
                            .append(ports.get(s));
                }
            }
            env.put("FALLNETZ_GATEWAY_PARTNER_ROUTES", routes.toString());
            // The operators' incident view asks every other service for its parked events, outbox and lag.
            StringBuilder services = new StringBuilder();
            for (FallnetzService s : values()) {
                if (s != GATEWAY && ports.containsKey(s)) {
                    services.append(services.length() == 0 ? "" : ",").append(s.id()).append("=http://127.0.0.1:")
                            .append(ports.get(s));
                }
            }
            env.put("FALLNETZ_GATEWAY_OPS_SERVICES", services.toString());
            // The gateway signs the internal tokens that every service checks (see PartnerTokens).
            env.put("SMALLRYE_JWT_SIGN_KEY_LOCATION", PartnerTokens.shared().privateKeyFile().toString());
            env.put("FALLNETZ_OIDC_ISSUER", oidcIssuer != null ? oidcIssuer : "http://127.0.0.1:1/realms/none");
            env.put("FALLNETZ_OIDC_CLIENT_SECRET", KeycloakTokens.GATEWAY_SECRET);
        } else {
            env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", PartnerTokens.shared().publicKey().toString());
        }
        if (this == NOTIFICATION_SERVICE) {
            MailEndpoints mail = MailEndpoints.published();
            if (mail != null) {
                env.put("QUARKUS_MAILER_HOST", mail.host());
                env.put("QUARKUS_MAILER_PORT", String.valueOf(mail.smtpPort()));
            }
            env.put("STATUS_PAGE_URL", "http://localhost:" + ports.get(GATEWAY) + "/status/");
        }
        return env;
    }

    /** The same as {@link #environment} in the property names a {@code @QuarkusTest} takes from a test resource. */
    public Map<String, String> testProperties(StackEndpoints stack) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.datasource.jdbc.url", stack.jdbcUrl(database()));
        properties.put("quarkus.datasource.username", database());
        properties.put("quarkus.datasource.password", database());
        properties.put("quarkus.datasource.jdbc.max-size", String.valueOf(pool()));
        properties.put("kafka.bootstrap.servers", stack.kafkaBootstrapServers());
        if (this == GATEWAY) {
            properties.put("smallrye.jwt.sign.key", PartnerTokens.shared().privateKeyPem());
            // Real sign-in: the JVM's Keycloak, started on first use (SharedKeycloak).
            properties.put("quarkus.oidc.auth-server-url", SharedKeycloak.issuer());
            properties.put("quarkus.oidc.credentials.secret", KeycloakTokens.GATEWAY_SECRET);
        } else {
            // The key itself, not its location: in test mode smallrye-jwt sets an in-memory key of its own, which
            // would win over a location.
            properties.put("mp.jwt.verify.publickey", PartnerTokens.shared().publicKeyPem());
        }
        if (this == NOTIFICATION_SERVICE) {
            // A real SMTP server; the notification tests declare com.icegreen:greenmail for it.
            MailEndpoints mail = EmbeddedMailServer.shared();
            properties.put("quarkus.mailer.host", mail.host());
            properties.put("quarkus.mailer.port", String.valueOf(mail.smtpPort()));
        }
        return properties;
    }

    @Override
    public String toString() {
        return id();
    }

    private static List<FallnetzService> load() {
        try (InputStream in = FallnetzService.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath (devstack's build copies it)");
            }
            File file = new ObjectMapper(new YAMLFactory())
                    .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
                    .readValue(in, File.class);
            return file.services().stream().map(FallnetzService::new).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }
}

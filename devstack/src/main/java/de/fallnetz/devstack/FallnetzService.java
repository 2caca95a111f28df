package de.fallnetz.devstack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The services: their name, module folder, fixed local HTTP port and database. The one list that {@code ./run}, the
 * tests and the benchmarks read; adding a service is one line here plus its module.
 */
public enum FallnetzService {

    CASE_SERVICE("case-service", "case-service", 8081, false),
    PARTNER_SERVICE("partner-service", "partner-service/partner-register", 8082, false),
    NOTIFICATION_SERVICE("notification-service", "notification-service", 8083, false),
    GATEWAY("gateway", "gateway", 8080, false),
    BA_CONSENT("ba-consent", "partner-service/ba-consent", 8084, true),
    RECOGNITION("recognition", "partner-service/recognition", 8085, true),
    SECURITY_CHECK("security-check", "partner-service/security-check", 8086, true),
    INTEGRATION_COURSE("integration-course", "partner-service/integration-course", 8087, true),
    REGISTRATION_OFFICE("registration-office", "partner-service/registration-office", 8088, true),
    WELCOME_CENTER("welcome-center", "partner-service/welcome-center", 8089, true),
    SOCIAL_BENEFITS("social-benefits", "partner-service/social-benefits", 8090, true);

    private final String id;
    private final String modulePath;
    private final int defaultPort;
    private final boolean partnerApi;

    FallnetzService(String id, String modulePath, int defaultPort, boolean partnerApi) {
        this.id = id;
        this.modulePath = modulePath;
        this.defaultPort = defaultPort;
        this.partnerApi = partnerApi;
    }

    /** Whether the service serves the partner API (/partner/v1), which checks partner tokens. */
    public boolean partnerApi() {
        return partnerApi;
    }

    /** The process and application name, also the Kafka consumer group. */
    public String id() {
        return id;
    }

    /** The Maven module's folder below the repository root. */
    public String modulePath() {
        return modulePath;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** Database and login role of the service. */
    public String database() {
        return id.replace('-', '_');
    }

    public static FallnetzService byId(String id) {
        for (FallnetzService s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("Unknown service " + id);
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
        env.put("KAFKA_BOOTSTRAP_SERVERS", stack.kafkaBootstrapServers());
        if (this == GATEWAY) {
            env.put("QUARKUS_REST_CLIENT_CASE_SERVICE_URL", "http://127.0.0.1:" + ports.get(CASE_SERVICE));
            // The partner API's front door routes /partner/v1/{service}/… to the interaction services.
            StringBuilder routes = new StringBuilder();
            for (FallnetzService s : values()) {
                if (s.partnerApi) {
                    routes.append(routes.length() == 0 ? "" : ",").append(s.id).append("=http://127.0.0.1:")
                            .append(ports.get(s));
                }
            }
            env.put("FALLNETZ_GATEWAY_PARTNER_ROUTES", routes.toString());
            // The gateway signs the internal tokens that every service checks (see PartnerTokens).
            env.put("SMALLRYE_JWT_SIGN_KEY_LOCATION", PartnerTokens.shared().privateKeyFile().toString());
            env.put("FALLNETZ_OIDC_ISSUER", oidcIssuer != null ? oidcIssuer : "http://127.0.0.1:1/realms/none");
            env.put("FALLNETZ_OIDC_CLIENT_SECRET", KeycloakTokens.GATEWAY_SECRET);
        } else {
            env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", PartnerTokens.shared().publicKey().toString());
        }
        return env;
    }

    /** The same as {@link #environment} in the property names a {@code @QuarkusTest} takes from a test resource. */
    public Map<String, String> testProperties(StackEndpoints stack) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.datasource.jdbc.url", stack.jdbcUrl(database()));
        properties.put("quarkus.datasource.username", database());
        properties.put("quarkus.datasource.password", database());
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
        return properties;
    }
}

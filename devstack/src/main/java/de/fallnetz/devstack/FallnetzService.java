package de.fallnetz.devstack;

import java.util.LinkedHashMap;
import java.util.Map;

/** The four services: their module, fixed local HTTP port and database. */
public enum FallnetzService {

    CASE_SERVICE("case-service", 8081),
    PARTNER_SERVICE("partner-service", 8082),
    NOTIFICATION_SERVICE("notification-service", 8083),
    GATEWAY("gateway", 8080);

    private final String id;
    private final int defaultPort;

    FallnetzService(String id, int defaultPort) {
        this.id = id;
        this.defaultPort = defaultPort;
    }

    /** The module and process name, also the Kafka consumer group. */
    public String id() {
        return id;
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
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(ports.get(this)));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", stack.jdbcUrl(database()));
        env.put("QUARKUS_DATASOURCE_USERNAME", database());
        env.put("QUARKUS_DATASOURCE_PASSWORD", database());
        env.put("KAFKA_BOOTSTRAP_SERVERS", stack.kafkaBootstrapServers());
        if (this == GATEWAY) {
            env.put("QUARKUS_REST_CLIENT_CASE_SERVICE_URL", "http://127.0.0.1:" + ports.get(CASE_SERVICE));
        }
        return env;
    }

    /** The same as {@link #environment} in the property names a {@code @QuarkusTest} takes from a test resource. */
    public Map<String, String> testProperties(StackEndpoints stack) {
        return Map.of(
                "quarkus.datasource.jdbc.url", stack.jdbcUrl(database()),
                "quarkus.datasource.username", database(),
                "quarkus.datasource.password", database(),
                "kafka.bootstrap.servers", stack.kafkaBootstrapServers());
    }
}

package de.fallnetz.devstack;

/** Where a running stack can be reached. */
public record StackEndpoints(String kafkaBootstrapServers, String postgresHost, int postgresPort) {

    private static final String PROPERTY = "fallnetz.devstack.endpoints";

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + postgresHost + ":" + postgresPort + "/" + database;
    }

    /** The superuser connection, for tools and tests that look across databases. */
    public String adminJdbcUrl() {
        return jdbcUrl("postgres");
    }

    String encode() {
        return kafkaBootstrapServers + "|" + postgresHost + "|" + postgresPort;
    }

    static StackEndpoints decode(String value) {
        String[] parts = value.split("\\|");
        return new StackEndpoints(parts[0], parts[1], Integer.parseInt(parts[2]));
    }

    /** Published as a system property so that every class loader in the JVM finds the one running stack. */
    void publish() {
        System.setProperty(PROPERTY, encode());
    }

    static StackEndpoints published() {
        String value = System.getProperty(PROPERTY);
        return value == null ? null : decode(value);
    }
}

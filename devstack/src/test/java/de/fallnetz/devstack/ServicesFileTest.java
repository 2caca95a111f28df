package de.fallnetz.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import de.fallnetz.contracts.events.Topics;

class ServicesFileTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void shouldNameEachServiceAndPortOnce() {
        List<FallnetzService> all = FallnetzService.all();

        assertThat(all.stream().map(FallnetzService::id)).doesNotHaveDuplicates();
        assertThat(all.stream().map(FallnetzService::defaultPort)).doesNotHaveDuplicates();
        assertThat(all.stream().map(FallnetzService::modulePath)).doesNotHaveDuplicates();
    }

    @Test
    void shouldPointEveryEntryAtAModuleWhoseNameAndPortItStates() throws IOException {
        for (FallnetzService s : FallnetzService.all()) {
            Path module = ROOT.resolve(s.modulePath());
            assertThat(module.resolve("pom.xml")).as("module of %s", s).exists();
            Properties properties = new Properties();
            try (var in = Files.newBufferedReader(module.resolve("src/main/resources/application.properties"))) {
                properties.load(in);
            }
            assertThat(properties.getProperty("quarkus.application.name")).as("name of %s", s).isEqualTo(s.id());
            assertThat(properties.getProperty("quarkus.http.port")).as("port of %s", s)
                    .isEqualTo(String.valueOf(s.defaultPort()));
        }
    }

    @Test
    void shouldListTheTopicsEachModuleSubscribesTo() throws IOException {
        // deploy-checks derives Kafka ACLs and KEDA lag triggers from consumes; it must match the modules' channels.
        for (FallnetzService s : FallnetzService.all()) {
            Path module = ROOT.resolve(s.modulePath());
            Properties config = new Properties();
            if (Files.readString(module.resolve("pom.xml")).contains("<artifactId>interaction-core</artifactId>")) {
                load(config, ROOT.resolve(
                        "partner-service/interaction-core/src/main/resources/META-INF/microprofile-config.properties"));
            }
            load(config, module.resolve("src/main/resources/application.properties"));
            TreeSet<String> subscribed = new TreeSet<>();
            for (String key : config.stringPropertyNames()) {
                if (key.startsWith("mp.messaging.incoming.") && key.endsWith(".topic")) {
                    subscribed.add(config.getProperty(key));
                }
            }
            assertThat(s.consumes()).as("consumes of %s", s).containsExactlyInAnyOrderElementsOf(subscribed);
        }
    }

    @Test
    void shouldUseOnlyKnownTopicsAndServices() {
        for (FallnetzService s : FallnetzService.all()) {
            assertThat(Topics.ALL).as("topics of %s", s).containsAll(s.consumes()).containsAll(s.produces());
            assertThat(s.calls()).as("peers of %s", s).doesNotContain(s);
            assertThat(s.pool()).as("pool of %s", s).isPositive();
        }
    }

    @Test
    void shouldFitEveryPoolOfEveryInstanceIntoPostgresMaxConnectionsWithTheReserveLeftFree() {
        int pools = FallnetzService.all().stream().mapToInt(s -> s.pool() * s.instances()).sum();

        assertThat(pools).as("sum of pool x instances over services.yaml")
                .isLessThanOrEqualTo(EmbeddedPostgresServer.MAX_CONNECTIONS
                        - EmbeddedPostgresServer.RESERVED_CONNECTIONS);
    }

    @Test
    void shouldHandEachProcessItsPoolSizeAndItsPeersUrls() {
        StackEndpoints stack = new StackEndpoints("127.0.0.1:19092", "127.0.0.1", 15432);
        Map<FallnetzService, Integer> ports = new LinkedHashMap<>();
        FallnetzService.all().forEach(s -> ports.put(s, s.defaultPort()));
        for (FallnetzService s : FallnetzService.all()) {
            // Not the gateway's: its test properties start a Keycloak (35 s on the path every module waits for);
            // the gateway's own tests use them.
            if (s != FallnetzService.GATEWAY) {
                assertThat(s.testProperties(stack)).containsEntry("quarkus.datasource.jdbc.max-size",
                        String.valueOf(s.pool()));
            }
            assertThat(s.environment(stack, ports)).containsEntry("QUARKUS_DATASOURCE_JDBC_MAX_SIZE",
                    String.valueOf(s.pool()));
        }
        assertThat(FallnetzService.GATEWAY.environment(stack, ports))
                .containsEntry("QUARKUS_REST_CLIENT_CASE_SERVICE_URL", "http://127.0.0.1:8081");
    }

    private static void load(Properties config, Path file) throws IOException {
        try (var in = Files.newBufferedReader(file)) {
            config.load(in);
        }
    }
}

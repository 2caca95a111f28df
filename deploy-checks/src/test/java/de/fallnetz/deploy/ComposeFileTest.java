package de.fallnetz.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import de.fallnetz.contracts.events.Topics;
import de.fallnetz.devstack.FallnetzService;
import de.fallnetz.devstack.Launcher;

/** docker-compose.yml: a valid Compose file that runs what ./run runs, on the same ports. */
class ComposeFileTest {

    // SnakeYAML, not Jackson: the file shares settings through a YAML merge key (<<: *service).
    private static final Map<String, Object> COMPOSE = Yaml.map(
            new org.yaml.snakeyaml.Yaml().load(Yaml.read(Repo.ROOT.resolve("docker-compose.yml"))));

    @Test
    void validatesAgainstTheComposeSpecification() throws Exception {
        // The Compose specification's JSON Schema as Debian's docker-compose package (1.29.2) ships it.
        Optional<Path> schemaFile = Tools.fromDebianPackage("docker-compose",
                "usr/lib/python3/dist-packages/compose/config/compose_spec.json");
        assumeTrue(schemaFile.isPresent(), "Debian's docker-compose package could not be fetched (no apt-get)");
        ObjectNode schemaNode;
        try (InputStream in = Files.newInputStream(schemaFile.get())) {
            schemaNode = (ObjectNode) Yaml.JSON.readTree(in);
        }
        // The file names its parts with draft-04's "id" (a string), which the 2019-09 validator refuses.
        removeStringIds(schemaNode);
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909).getSchema(schemaNode);

        List<String> errors = schema.validate(Yaml.MAPPER.valueToTree(COMPOSE)).stream()
                .map(ValidationMessage::getMessage).collect(Collectors.toList());

        assertThat(errors).isEmpty();
    }

    @Test
    void runsEveryServiceOnThePortOfRun() {
        for (FallnetzService s : FallnetzService.values()) {
            assertThat(Yaml.list(service(s.id()).get("ports"))).as(s.id())
                    .containsExactly(s.defaultPort() + ":" + s.defaultPort());
        }
        assertThat(Yaml.list(service("kafka").get("ports"))).containsExactly(port("KAFKA_PORT") + ":" + port("KAFKA_PORT"));
        assertThat(Yaml.list(service("postgres").get("ports"))).containsExactly(port("POSTGRES_PORT") + ":5432");
    }

    @Test
    void createsTheTopicsOfTheContracts() {
        Map<String, Object> env = Yaml.map(service("kafka-topics").get("environment"));
        assertThat(Arrays.asList(((String) env.get("FALLNETZ_TOPICS")).split(" ")))
                .containsExactlyElementsOf(Topics.ALL);
        assertThat(env.get("FALLNETZ_PARTITIONS")).isEqualTo(String.valueOf(Topics.PARTITIONS));
    }

    @Test
    void givesEveryServiceItsOwnDatabaseAndRole() {
        Map<String, Object> postgres = Yaml.map(service("postgres").get("environment"));
        assertThat(Arrays.asList(((String) postgres.get("FALLNETZ_DATABASES")).split(" ")))
                .containsExactlyInAnyOrderElementsOf(
                        Arrays.stream(FallnetzService.values()).map(FallnetzService::database).toList());
        for (FallnetzService s : FallnetzService.values()) {
            Map<String, Object> env = Yaml.map(service(s.id()).get("environment"));
            assertThat(env).as(s.id())
                    .containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://postgres:5432/" + s.database())
                    .containsEntry("QUARKUS_DATASOURCE_USERNAME", s.database())
                    .containsEntry("QUARKUS_DATASOURCE_PASSWORD",
                            "${" + s.database().toUpperCase() + "_DB_PASSWORD:?set in .env}");
        }
        assertThat(Yaml.read(Repo.ROOT.resolve(".env.example"))).as("every password has its line in .env.example")
                .contains(Arrays.stream(FallnetzService.values()).map(s -> s.database().toUpperCase() + "_DB_PASSWORD=")
                        .toList());
    }

    @Test
    void startsEachServiceOnlyOnceWhatItNeedsIsHealthy() {
        for (Map.Entry<String, Object> e : services().entrySet()) {
            Map<String, Object> service = Yaml.map(e.getValue());
            for (Map.Entry<String, Object> d : Yaml.map(service.getOrDefault("depends_on", Map.of())).entrySet()) {
                String condition = (String) Yaml.map(d.getValue()).get("condition");
                boolean checked = Yaml.map(services().get(d.getKey())).containsKey("healthcheck");
                assertThat(condition).as(e.getKey() + " -> " + d.getKey())
                        .isEqualTo(checked ? "service_healthy" : "service_completed_successfully");
            }
        }
        for (FallnetzService s : FallnetzService.values()) {
            Map<String, Object> service = service(s.id());
            assertThat(Yaml.map(service.get("depends_on"))).as(s.id()).containsKeys("postgres", "kafka-topics");
            assertThat(String.join(" ", Yaml.list(Yaml.at(service, "healthcheck", "test")).toArray(String[]::new)))
                    .as(s.id()).contains("/dev/tcp/localhost/9000", "GET /q/health/ready");
            assertThat(service).as(s.id()).containsEntry("read_only", true);
        }
    }

    @Test
    void runsEveryServiceWithTheJvmSettingsAndLimitsOfItsKubernetesDeployment() {
        Map<String, Object> common = Yaml.all(Repo.ROOT.resolve("k8s/base/common.yaml")).stream()
                .filter(d -> "fallnetz-common".equals(Yaml.at(d, "metadata", "name"))).findFirst().orElseThrow();
        Object jvm = Yaml.at(common, "data", "JAVA_OPTS_APPEND");
        assertThat(jvm).isNotNull();
        for (FallnetzService s : FallnetzService.values()) {
            Map<String, Object> service = service(s.id());
            assertThat(Yaml.map(service.get("environment"))).as(s.id()).containsEntry("JAVA_OPTS_APPEND", jvm);
            Map<String, Object> deployment = Yaml.one(
                    Repo.ROOT.resolve("k8s/base/services/" + s.id() + "/deployment.yaml"));
            Map<String, Object> limits = Yaml.map(Yaml.at(Yaml.list(Yaml.at(deployment, "spec", "template", "spec",
                    "containers")).get(0), "resources", "limits"));
            assertThat(service.get("mem_limit") + "").as(s.id())
                    .isEqualTo(((String) limits.get("memory")).replace("Mi", "m"));
            assertThat(Double.parseDouble(service.get("cpus") + "")).as(s.id())
                    .isEqualTo(Double.parseDouble(limits.get("cpu") + ""));
        }
    }

    @Test
    void keepsDataInNamedVolumesAndImportsTheRealm() {
        assertThat(Yaml.map(COMPOSE.get("volumes"))).containsOnlyKeys("kafka-data", "postgres-data", "keycloak-data",
                "mailpit-data");
        assertThat(Yaml.list(service("keycloak").get("volumes"))).anySatisfy(v -> assertThat((String) v)
                .startsWith("./devstack/src/main/resources/keycloak/fallnetz-realm.json:/opt/keycloak/data/import/"));
        assertThat(services()).containsKey("mailpit");
    }

    private static void removeStringIds(JsonNode node) {
        if (node instanceof ObjectNode && node.path("id").isTextual()) {
            ((ObjectNode) node).remove("id");
        }
        node.forEach(ComposeFileTest::removeStringIds);
    }

    private static Map<String, Object> services() {
        return Yaml.map(COMPOSE.get("services"));
    }

    private static Map<String, Object> service(String name) {
        return Yaml.map(services().get(name));
    }

    private static int port(String constant) {
        try {
            Field field = Launcher.class.getDeclaredField(constant);
            field.setAccessible(true);
            return field.getInt(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}

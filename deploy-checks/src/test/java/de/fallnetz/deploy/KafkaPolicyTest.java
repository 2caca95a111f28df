package de.fallnetz.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import de.fallnetz.contracts.events.Topics;
import de.fallnetz.devstack.FallnetzService;

/**
 * Kafka in k8s/: the contracts module's topics, replicated, and each service limited to the topics services.yaml gives
 * it (consumes, produces).
 */
class KafkaPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void threeKraftNodesReplicateEveryTopicThreeTimes(String overlay) {
        Map<String, Object> pool = Repo.named(overlay, "KafkaNodePool", "dual-role");
        assertThat(Yaml.at(pool, "spec", "replicas")).isEqualTo(3);
        assertThat(Yaml.list(Yaml.at(pool, "spec", "roles"))).containsExactlyInAnyOrder("controller", "broker");
        Map<String, Object> kafka = Repo.ofKind(overlay, "Kafka").get(0);
        assertThat(Yaml.map(kafka.get("metadata")).get("annotations"))
                .isEqualTo(Map.of("strimzi.io/node-pools", "enabled", "strimzi.io/kraft", "enabled"));
        assertThat(Yaml.map(Yaml.at(kafka, "spec", "kafka", "config"))).containsEntry("min.insync.replicas", 2)
                .containsEntry("default.replication.factor", 3).containsEntry("auto.create.topics.enable", false);
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyContractsTopicHasItsKafkaTopicWithThePartitionsOfTheContracts(String overlay) {
        List<Map<String, Object>> topics = Repo.ofKind(overlay, "KafkaTopic");
        assertThat(topics).extracting(t -> Yaml.at(t, "spec", "topicName"))
                .containsExactlyInAnyOrderElementsOf(Topics.ALL);
        assertThat(topics).allSatisfy(t -> {
            assertThat(Yaml.at(t, "spec", "partitions")).isEqualTo(Topics.PARTITIONS);
            assertThat(Yaml.at(t, "spec", "replicas")).isEqualTo(3);
            assertThat(Yaml.at(t, "spec", "config", "min.insync.replicas")).isEqualTo("2");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void eachServiceReadsWhatItConsumesAndWritesOnlyItsOwnTopic(String overlay) {
        for (FallnetzService s : FallnetzService.values()) {
            List<String> consumed = s.consumes();
            if (consumed.isEmpty() && s.produces().isEmpty()) {
                assertThat(Repo.ofKind(overlay, "KafkaUser")).extracting(Kustomize::name).doesNotContain(s.id());
                continue;
            }
            Map<String, Object> user = Repo.named(overlay, "KafkaUser", s.id());
            assertThat(Yaml.at(user, "spec", "authentication", "type")).isEqualTo("tls");

            Set<String> writes = topics(user, "Write");
            Set<String> expectedWrites = new TreeSet<>(s.produces());
            if (!consumed.isEmpty()) {
                // A consumer parks records it cannot read on the dead-letter topic.
                expectedWrites.add(Topics.DEAD_LETTERS);
            }
            assertThat(writes).as(s.id() + " writes").isEqualTo(expectedWrites);
            assertThat(topics(user, "Read")).as(s.id() + " reads").containsExactlyInAnyOrderElementsOf(consumed);
            assertThat(resources(user, "group", "Read")).as(s.id() + " commits offsets of its own group only")
                    .isEqualTo(consumed.isEmpty() ? Set.of() : Set.of(s.id()));
            assertThat(acls(user)).as(s.id() + ": literal resources only, no wildcards")
                    .allSatisfy(a -> assertThat(Yaml.at(a, "resource", "type").equals("cluster")
                            || "literal".equals(Yaml.at(a, "resource", "patternType"))).isTrue());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void noServiceCanWriteAnotherServicesTopic(String overlay) {
        for (Map<String, Object> user : Repo.ofKind(overlay, "KafkaUser")) {
            FallnetzService s = FallnetzService.byId(Kustomize.name(user));
            Set<String> allowed = new TreeSet<>(s.produces());
            allowed.add(Topics.DEAD_LETTERS);
            assertThat(topics(user, "Write")).as(s.id()).isSubsetOf(allowed);
            assertThat(topics(user, "All")).as(s.id()).isEmpty();
        }
    }

    private static List<Map<String, Object>> acls(Map<String, Object> user) {
        return Yaml.list(Yaml.at(user, "spec", "authorization", "acls")).stream().map(Yaml::map).toList();
    }

    private static Set<String> topics(Map<String, Object> user, String operation) {
        return resources(user, "topic", operation);
    }

    private static Set<String> resources(Map<String, Object> user, String type, String operation) {
        Set<String> names = new TreeSet<>();
        for (Map<String, Object> acl : acls(user)) {
            if (type.equals(Yaml.at(acl, "resource", "type"))
                    && Yaml.list(acl.get("operations")).contains(operation)) {
                names.add((String) Yaml.at(acl, "resource", "name"));
            }
        }
        return names;
    }
}

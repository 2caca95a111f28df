package de.fallnetz.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClusterTest {

    private static final String TOPIC = "cluster.test";

    @Test
    void shouldKeepTakingAndServingAcksAllWritesWhileOneOfThreeBrokersIsKilledAndLetItRejoin(@TempDir Path dir)
            throws Exception {
        try (KafkaCluster cluster = KafkaCluster.start(dir, 3, 0, 0)) {
            cluster.createTopics(List.of(TOPIC), 3);
            try (Admin admin = KafkaBrokers.admin(cluster.bootstrapServers())) {
                TopicDescription topic = AcksAllWrites.describe(admin, TOPIC);
                assertThat(topic.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
                assertThat(admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource)
                        .get("min.insync.replicas").value()).isEqualTo("2");
            }

            try (KafkaProducer<String, String> producer = AcksAllWrites.producer(cluster.bootstrapServers(), 0)) {
                AcksAllWrites.send(producer, TOPIC, 0, 50);
                cluster.kill(1);
                assertThat(cluster.isAlive(1)).isFalse();
                // Two of three replicas are still in sync: acks=all writes go on after the leaders move.
                AcksAllWrites.send(producer, TOPIC, 50, 100);
            }

            Map<String, List<String>> perKey = readAll(cluster.bootstrapServers(0), 100);
            assertThat(perKey.values().stream().mapToInt(List::size).sum()).isEqualTo(100);
            perKey.values().forEach(values -> assertThat(values).isSorted());

            cluster.startNode(1);
            try (Admin admin = KafkaBrokers.admin(cluster.bootstrapServers())) {
                await().atMost(Duration.ofMinutes(2)).untilAsserted(
                        () -> assertThat(AcksAllWrites.describe(admin, TOPIC).partitions())
                                .allSatisfy(p -> assertThat(p.isr()).hasSize(3)));
            }
        }
    }

    @Test
    void shouldRefuseANodeCountOtherThanOneOrThree() {
        System.setProperty("fallnetz.kafka.brokers", "2");
        try {
            assertThatThrownBy(KafkaBrokers::configuredNodes).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(KafkaBrokers.SETTING);
        } finally {
            System.clearProperty("fallnetz.kafka.brokers");
        }
    }

    private static Map<String, List<String>> readAll(String bootstrap, int expected) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("group.id", "cluster-test");
        props.put("auto.offset.reset", "earliest");
        Map<String, List<String>> perKey = new LinkedHashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            await().atMost(Duration.ofMinutes(1)).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    perKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
                }
                return perKey.values().stream().mapToInt(List::size).sum() >= expected;
            });
        }
        return perKey;
    }
}

package de.fallnetz.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import de.fallnetz.contracts.events.Topics;

class DevStackTest {

    @Test
    void shouldKeepTopicsRecordsAndTablesAcrossARestartOnTheSameDirectory(@TempDir Path dir) throws Exception {
        String caseId = "case-restart-1";
        try (DevStack stack = DevStack.start(dir, 0, 0, 0)) {
            StackEndpoints e = stack.endpoints();
            try (KafkaProducer<String, String> producer = producer(e)) {
                producer.send(new ProducerRecord<>(Topics.CASE_EVENTS, caseId, "{}")).get(30, TimeUnit.SECONDS);
            }
            try (Connection c = DriverManager.getConnection(e.jdbcUrl("case_service"), "case_service", "case_service")) {
                c.createStatement().execute("create table kept (id int)");
                c.createStatement().execute("insert into kept values (42)");
            }
        }

        try (DevStack stack = DevStack.start(dir, 0, 0, 0)) {
            StackEndpoints e = stack.endpoints();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", e.kafkaBootstrapServers()))) {
                var topics = admin.describeTopics(Topics.ALL).allTopicNames().get(30, TimeUnit.SECONDS);
                assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(Topics.ALL);
                assertThat(topics.values()).allSatisfy(t -> assertThat(t.partitions()).hasSize(Topics.PARTITIONS));
            }
            assertThat(readAll(e, Topics.CASE_EVENTS)).contains(caseId);
            try (Connection c = DriverManager.getConnection(e.jdbcUrl("case_service"), "case_service", "case_service");
                    ResultSet rs = c.createStatement().executeQuery("select id from kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
        }
        assertThat(Files.list(dir.resolve("kafka")).count()).isPositive();
    }

    @Test
    void shouldGiveEveryServiceItsOwnDatabaseThatOtherRolesCannotOpen(@TempDir Path dir) throws Exception {
        try (DevStack stack = DevStack.start(dir, 0, 0, 0)) {
            StackEndpoints e = stack.endpoints();
            for (FallnetzService service : FallnetzService.values()) {
                try (Connection c = DriverManager.getConnection(e.jdbcUrl(service.database()), service.database(),
                        service.database()); ResultSet rs = c.createStatement().executeQuery("select current_user")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo(service.database());
                }
            }
        }
    }

    @Test
    void shouldKeepCommittedRowsWhenPostgresIsKilledAndStartedAgainOnTheSamePort(@TempDir Path dir) throws Exception {
        try (DevStack stack = DevStack.startWithKafkaProcesses(dir, 1)) {
            StackEndpoints e = stack.endpoints();
            try (Connection c = DriverManager.getConnection(e.jdbcUrl("case_service"), "case_service", "case_service")) {
                c.createStatement().execute("create table survivor (id int)");
                c.createStatement().execute("insert into survivor values (7)");
            }
            stack.killPostgres();
            assertThatThrownBy(() -> DriverManager.getConnection(e.jdbcUrl("case_service"), "case_service",
                    "case_service").close()).isInstanceOf(java.sql.SQLException.class);

            stack.restartPostgres();
            assertThat(stack.endpoints().postgresPort()).isEqualTo(e.postgresPort());
            try (Connection c = DriverManager.getConnection(e.jdbcUrl("case_service"), "case_service", "case_service");
                    ResultSet rs = c.createStatement().executeQuery("select id from survivor")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(7);
            }
        }
    }

    private static KafkaProducer<String, String> producer(StackEndpoints e) {
        Properties p = new Properties();
        p.put("bootstrap.servers", e.kafkaBootstrapServers());
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    private static List<String> readAll(StackEndpoints e, String topic) {
        Properties p = new Properties();
        p.put("bootstrap.servers", e.kafkaBootstrapServers());
        p.put("group.id", "devstack-test");
        p.put("auto.offset.reset", "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                if (!records.isEmpty()) {
                    return java.util.stream.StreamSupport.stream(records.spliterator(), false).map(r -> r.key()).toList();
                }
            }
            return List.of();
        }
    }
}

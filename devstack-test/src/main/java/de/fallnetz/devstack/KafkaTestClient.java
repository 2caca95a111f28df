package de.fallnetz.devstack;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import de.fallnetz.contracts.events.EventType;

/**
 * A plain Kafka client for tests: sends CloudEvents in binary mode the way the services do, and reads back what a
 * topic holds for one case. Reads assign all partitions and stop at the end offsets, so they never wait on a group.
 */
public final class KafkaTestClient implements AutoCloseable {

    private final String bootstrapServers;
    private final KafkaProducer<String, String> producer;

    public KafkaTestClient(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers);
        p.put("acks", "all");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    private static KafkaTestClient shared;

    /** A client on the JVM's shared test stack. */
    public static KafkaTestClient onSharedStack() {
        return new KafkaTestClient(SharedStack.endpoints().kafkaBootstrapServers());
    }

    /** One client on the JVM's shared test stack for every test class that wants it, closed when the JVM exits. */
    public static synchronized KafkaTestClient shared() {
        if (shared == null) {
            shared = onSharedStack();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "kafka-test-client-close"));
        }
        return shared;
    }

    /** Sends {@code type} about {@code caseId} as case-service would, with the contract's sample as data. */
    public void sendCaseEvent(EventType type, String eventId, String source, String caseId) {
        sendCloudEvent(type.topic(), eventId, type.type(), source, caseId, EventSamples.json(type, caseId));
    }

    /** Sends a binary-mode CloudEvent keyed by its subject, as the outbox relay does. */
    public void sendCloudEvent(String topic, String id, String type, String source, String subject, String data) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, subject, data);
        record.headers()
                .add("ce_specversion", bytes("1.0"))
                .add("ce_id", bytes(id))
                .add("ce_type", bytes(type))
                .add("ce_source", bytes(source))
                .add("ce_subject", bytes(subject))
                .add("ce_time", bytes(Instant.now().toString()))
                .add("content-type", bytes("application/json"));
        send(record);
    }

    /** Sends a record with no CloudEvents headers at all. */
    public void sendRaw(String topic, String key, String value) {
        send(new ProducerRecord<>(topic, key, value));
    }

    private void send(ProducerRecord<String, String> record) {
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not send to " + record.topic(), e);
        }
    }

    /** Every record on {@code topic} whose key is {@code key}, oldest first per partition. */
    public List<ConsumerRecord<String, String>> records(String topic, String key) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers);
        p.put("enable.auto.commit", "false");
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read " + topic + " to its end");
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                }
            }
        }
        return found;
    }

    /** The value of a header as text, or null. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * How many records of the topics a consumer group has committed on it has not committed yet, over all their
     * partitions: 0 once the group has caught up, so that nothing it reads later is a re-read of older records.
     */
    public long lag(String group) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            List<String> topics = committed.keySet().stream().map(TopicPartition::topic).distinct().toList();
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            for (TopicDescription topic : admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS)
                    .values()) {
                topic.partitions().forEach(p -> ends.put(new TopicPartition(topic.name(), p.partition()),
                        OffsetSpec.latest()));
            }
            Map<TopicPartition, ListOffsetsResultInfo> end = admin.listOffsets(ends).all().get(10, TimeUnit.SECONDS);
            long lag = 0;
            for (Map.Entry<TopicPartition, ListOffsetsResultInfo> e : end.entrySet()) {
                OffsetAndMetadata done = committed.get(e.getKey());
                lag += e.getValue().offset() - (done == null ? 0 : done.offset());
            }
            return lag;
        }
    }

    /**
     * Whether the group has settled with exactly {@code members} consumers: a member of a killed process stays in
     * the group (holding its partitions) until its session times out, which this outlasts.
     */
    public boolean settled(String group, int members) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group)
                    .get(10, TimeUnit.SECONDS);
            return d.groupState() == GroupState.STABLE && d.members().size() == members
                    && d.members().stream().noneMatch(m -> m.assignment().topicPartitions().isEmpty());
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}

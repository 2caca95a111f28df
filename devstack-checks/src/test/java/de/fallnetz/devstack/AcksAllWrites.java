package de.fallnetz.devstack;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The writes the cluster checks make while a broker is down or cut off: numbered values under ten keys, each write
 * acknowledged by all in-sync replicas, so that what a consumer reads back shows loss and order per key.
 */
final class AcksAllWrites {

    private AcksAllWrites() {
    }

    /** An idempotent acks=all producer; {@code requestTimeoutMs} 0 keeps the client's default. */
    static KafkaProducer<String, String> producer(String bootstrap, int requestTimeoutMs) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("acks", "all");
        props.put("enable.idempotence", "true");
        if (requestTimeoutMs > 0) {
            props.put("request.timeout.ms", Integer.toString(requestTimeoutMs));
        }
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /** Writes values {@code from} to {@code to - 1} ("0042") under keys case-0 … case-9 and waits for every ack. */
    static void send(KafkaProducer<String, String> producer, String topic, int from, int to) throws Exception {
        List<Future<?>> sent = new ArrayList<>();
        for (int i = from; i < to; i++) {
            sent.add(producer.send(new ProducerRecord<>(topic, "case-" + (i % 10), String.format("%04d", i))));
        }
        for (Future<?> f : sent) {
            f.get(2, TimeUnit.MINUTES);
        }
    }

    static TopicDescription describe(Admin admin, String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
    }
}

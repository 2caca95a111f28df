package de.fallnetz.platform.messaging.ops;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import de.fallnetz.platform.messaging.outbox.OutboxRelay;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;

/**
 * Consumer lag of this service's incoming channels, per consumer group and topic, as Kafka has it (committed offsets
 * against the ends of the partitions): the group's lag, whichever instance holds which partition. Measured in the
 * background every {@code fallnetz.ops.lag-interval} (30 s), so that the incident view answers at once even while
 * Kafka is slow or away.
 */
@ApplicationScoped
public class ConsumerLags {

    /** Admin settings taken over from a channel's consumer: where the brokers are and how to reach them. */
    private static final List<String> CONNECTION_PREFIXES = List.of("bootstrap.servers", "security.", "sasl.",
            "ssl.", "client.dns.lookup");

    private final KafkaClientService kafka;
    private Admin admin;
    private volatile List<ConsumerLag> last = List.of();
    private volatile String lastError = "not measured yet";

    public ConsumerLags(KafkaClientService kafka) {
        this.kafka = kafka;
    }

    /** The lag as last measured. */
    public List<ConsumerLag> last() {
        return last;
    }

    /** Why the last measurement failed, or null. */
    public String lastError() {
        return lastError;
    }

    @Scheduled(every = "${fallnetz.ops.lag-interval:30s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = OutboxRelay.UntilStarted.class)
    void refresh() {
        try {
            last = current();
            lastError = null;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            lastError = "Kafka did not answer: " + e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The lag of every incoming channel; throws if Kafka does not answer within a few seconds. */
    List<ConsumerLag> current() throws InterruptedException, ExecutionException, TimeoutException {
        List<ConsumerLag> lags = new ArrayList<>();
        for (String channel : new java.util.TreeSet<>(kafka.getConsumerChannels())) {
            KafkaConsumer<Object, Object> consumer = kafka.getConsumer(channel);
            if (consumer == null) {
                continue;
            }
            Object group = consumer.configuration().get("group.id");
            if (group == null) {
                continue;
            }
            Admin a = admin(consumer.configuration());
            Map<TopicPartition, OffsetAndMetadata> committed = a.listConsumerGroupOffsets(group.toString())
                    .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = a.listOffsets(latest).all()
                    .get(5, TimeUnit.SECONDS);
            Map<String, Long> byTopic = new TreeMap<>();
            committed.forEach((tp, offset) -> {
                long end = ends.containsKey(tp) ? ends.get(tp).offset() : 0;
                long at = offset == null ? 0 : offset.offset();
                byTopic.merge(tp.topic(), Math.max(0, end - at), Long::sum);
            });
            byTopic.forEach((topic, lag) -> lags.add(new ConsumerLag(channel, group.toString(), topic, lag)));
        }
        return lags;
    }

    private synchronized Admin admin(Map<String, ?> consumerConfig) {
        if (admin == null) {
            Map<String, Object> config = new HashMap<>();
            consumerConfig.forEach((k, v) -> {
                if (CONNECTION_PREFIXES.stream().anyMatch(k::startsWith)) {
                    config.put(k, v);
                }
            });
            config.put(AdminClientConfig.CLIENT_ID_CONFIG, "incident-view");
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
            admin = Admin.create(config);
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close();
        }
    }
}

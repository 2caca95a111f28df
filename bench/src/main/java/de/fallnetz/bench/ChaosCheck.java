package de.fallnetz.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import de.fallnetz.contracts.events.Topics;
import de.fallnetz.devstack.FallnetzService;
import de.fallnetz.devstack.StackEndpoints;

/**
 * What the chaos run checks once the load is over, from the databases and the topics: every accepted case complete,
 * each of its events there exactly once (as many distinct events of each type as a case had before any fault), per
 * case and source in order on the topics, no second case for one idempotency key, nothing left in an outbox.
 */
final class ChaosCheck {

    private static final int BASELINE_CASES = 20;
    private static final List<String> EVENT_TOPICS = List.of(Topics.CASE_EVENTS, Topics.PARTNER_EVENTS,
            Topics.NOTIFICATION_EVENTS);

    int accepted;
    long casesInDatabase;
    int keysWithTwoCases;
    /** Event type → how many distinct events of it one case had before any fault. */
    Map<String, Integer> baseline = new TreeMap<>();
    int complete;
    int incomplete;
    int casesWithLostEvents;
    int casesWithDoubledEffects;
    List<String> examples = new ArrayList<>();
    long records;
    long resentRecords;
    long orderViolations;
    long deadLetters;
    Map<String, Long> outboxUnsent = new LinkedHashMap<>();
    /** Per accepted case: opened and complete (epoch ms; complete 0 if never). */
    Map<String, long[]> times = new HashMap<>();

    static ChaosCheck run(StackEndpoints stack, ChaosLoad load, Progress progress, PrintStream out)
            throws Exception {
        ChaosCheck check = new ChaosCheck();
        check.accepted = load.accepted.size();
        check.keysWithTwoCases = load.conflicting.size();
        List<String> ids = new ArrayList<>(load.accepted.values());
        try (Connection c = BenchSupport.caseDb(stack)) {
            check.casesInDatabase = single(c, "select count(*) from fallnetz_case");
            List<String> first = firstOpened(c, ids);
            BenchSupport.step(out, "check", "Events per case before any fault, from the first " + first.size()
                    + " cases");
            Map<String, Map<String, Integer>> topicCounts = readTopics(stack, check);
            check.baseline = baseline(first, topicCounts);
            int hops = check.baseline.values().stream().mapToInt(Integer::intValue).sum();
            out.println("      " + hops + " events per case: " + check.baseline);
            BenchSupport.step(out, "check", "Waiting for every accepted case to be complete (at most 10 min)");
            awaitComplete(c, ids, timelineHops(c, first), progress);
            topicCounts = readTopics(stack, check);
            for (String id : ids) {
                Map<String, Integer> got = topicCounts.getOrDefault(id, Map.of());
                boolean lost = false;
                boolean doubled = false;
                for (Map.Entry<String, Integer> e : check.baseline.entrySet()) {
                    int n = got.getOrDefault(e.getKey(), 0);
                    lost |= n < e.getValue();
                    doubled |= n > e.getValue();
                }
                if (lost) {
                    check.casesWithLostEvents++;
                } else {
                    check.complete++;
                }
                if (doubled) {
                    check.casesWithDoubledEffects++;
                }
                if ((lost || doubled) && check.examples.size() < 5) {
                    check.examples.add(id + " " + got);
                }
            }
            check.incomplete = ids.size() - check.complete;
            check.times = times(c, ids, timelineHops(c, first));
        }
        for (FallnetzService s : FallnetzService.values()) {
            try (Connection c = DriverManager.getConnection(stack.jdbcUrl(s.database()), s.database(),
                    s.database())) {
                check.outboxUnsent.put(s.id(), single(c, "select count(*) from outbox_event where published_at is null"));
            } catch (SQLException e) {
                // A service without an outbox (the gateway).
            }
        }
        return check;
    }

    /** The cases opened first, in the calm before the first fault. */
    private static List<String> firstOpened(Connection c, List<String> ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select id from fallnetz_case where id = any(?) order by opened_at limit " + BASELINE_CASES)) {
            ps.setArray(1, uuids(c, ids));
            List<String> first = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    first.add(rs.getString(1));
                }
            }
            return first;
        }
    }

    /** The most common set of event counts among the first cases. */
    private static Map<String, Integer> baseline(List<String> first, Map<String, Map<String, Integer>> counts) {
        Map<Map<String, Integer>, Integer> seen = new HashMap<>();
        first.forEach(id -> seen.merge(new TreeMap<>(counts.getOrDefault(id, Map.of())), 1, Integer::sum));
        return seen.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElse(new TreeMap<>());
    }

    /** Timeline entries the first cases have (the most common count). */
    private static int timelineHops(Connection c, List<String> first) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select n from (select case_id, count(*) n from timeline_entry where case_id = any(?) group by case_id) x
                group by n order by count(*) desc, n desc limit 1""")) {
            ps.setArray(1, uuids(c, first));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 1;
            }
        }
    }

    private static void awaitComplete(Connection c, List<String> ids, int hops, Progress progress)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        try (PreparedStatement ps = c.prepareStatement("""
                select count(*) from (select case_id from timeline_entry where case_id = any(?)
                group by case_id having count(*) >= ?) complete""")) {
            ps.setArray(1, uuids(c, ids));
            ps.setInt(2, hops);
            while (System.nanoTime() < deadline) {
                long done;
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    done = rs.getLong(1);
                }
                progress.update(done, ids.size());
                if (done == ids.size()) {
                    return;
                }
                Thread.sleep(1000);
            }
        }
    }

    private static Map<String, long[]> times(Connection c, List<String> ids, int hops) throws SQLException {
        Map<String, long[]> times = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select f.id, extract(epoch from f.opened_at) * 1000,
                       (select extract(epoch from t.recorded_at) * 1000 from timeline_entry t where t.case_id = f.id
                        order by t.recorded_at offset ? limit 1)
                from fallnetz_case f where f.id = any(?)""")) {
            ps.setInt(1, hops - 1);
            ps.setArray(2, uuids(c, ids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    times.put(rs.getString(1), new long[] { rs.getLong(2), rs.getLong(3) });
                }
            }
        }
        return times;
    }

    /**
     * Reads the event topics from the start: per case, how many distinct events of each type; a record whose event
     * ID was seen before is a resend (the inbox ignores it); a later record of the same case and source that
     * happened earlier breaks per-case order.
     */
    private static Map<String, Map<String, Integer>> readTopics(StackEndpoints stack, ChaosCheck check) {
        Map<String, Map<String, Integer>> counts = new HashMap<>();
        Set<String> seen = new HashSet<>();
        Map<String, OffsetDateTime> last = new HashMap<>();
        check.records = 0;
        check.resentRecords = 0;
        check.orderViolations = 0;
        Properties props = new Properties();
        props.put("bootstrap.servers", stack.kafkaBootstrapServers());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : Topics.ALL) {
                for (PartitionInfo p : consumer.partitionsFor(topic)) {
                    partitions.add(new TopicPartition(topic, p.partition()));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            check.deadLetters = end.entrySet().stream().filter(e -> e.getKey().topic().equals(Topics.DEAD_LETTERS))
                    .mapToLong(Map.Entry::getValue).sum();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (!EVENT_TOPICS.contains(r.topic())) {
                        continue;
                    }
                    check.records++;
                    String id = header(r, "ce_id");
                    String subject = header(r, "ce_subject");
                    String source = header(r, "ce_source");
                    if (!seen.add(source + "/" + id)) {
                        check.resentRecords++;
                        continue;
                    }
                    counts.computeIfAbsent(subject, s -> new TreeMap<>()).merge(header(r, "ce_type"), 1,
                            Integer::sum);
                    OffsetDateTime time = OffsetDateTime.parse(header(r, "ce_time"));
                    OffsetDateTime before = last.put(r.topic() + "/" + subject + "/" + source, time);
                    if (before != null && time.isBefore(before)) {
                        check.orderViolations++;
                    }
                }
            }
        }
        return counts;
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Array uuids(Connection c, List<String> ids) throws SQLException {
        return c.createArrayOf("uuid", ids.stream().map(UUID::fromString).toArray());
    }
}

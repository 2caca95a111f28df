package de.fallnetz.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClusterPartitionTest {

    private static final String TOPIC = "partition.test";

    @Test
    void shouldKeepTakingAcksAllWritesWhileOneBrokerIsCutOffAndLetItRejoinTheIsrAfterTheHeal(@TempDir Path dir)
            throws Exception {
        Assumptions.assumeTrue(KafkaCluster.networkNamespacesPermitted(),
                "skipped: this machine does not permit 'ip netns add' (needs root and iproute2)");
        try (KafkaCluster cluster = KafkaCluster.startInNetworkNamespaces(dir, 3, dir)) {
            assertThat(cluster.bootstrapServers()).doesNotContain("127.0.0.1").startsWith("10.254.");
            cluster.createTopics(List.of(TOPIC), 3);
            // The producer's request timeout, 10 s, is short enough that a request stuck on the cut-off leader is
            // given up and sent to the new one.
            try (Admin admin = KafkaBrokers.admin(cluster.bootstrapServers());
                    KafkaProducer<String, String> producer =
                            AcksAllWrites.producer(cluster.bootstrapServers(), 10_000)) {
                await().atMost(Duration.ofMinutes(1)).untilAsserted(
                        () -> assertThat(AcksAllWrites.describe(admin, TOPIC).partitions())
                                .allSatisfy(p -> assertThat(p.isr()).hasSize(3)));
                AcksAllWrites.send(producer, TOPIC, 0, 30);

                cluster.partition(1);
                // The cut-off node runs on, but the others drop it from every ISR and take over its leaderships.
                // A call the admin client happened to send to the cut-off node times out: it then asks another.
                assertThat(cluster.isAlive(1)).isTrue();
                await().atMost(Duration.ofMinutes(2)).ignoreExceptions().untilAsserted(
                        () -> assertThat(AcksAllWrites.describe(admin, TOPIC).partitions())
                                .allSatisfy(p -> assertThat(isrIds(p)).doesNotContain(2).hasSize(2)));
                // Two of three replicas are in sync and reachable: acks=all writes go on during the partition.
                AcksAllWrites.send(producer, TOPIC, 30, 60);

                cluster.heal(1);
                await().atMost(Duration.ofMinutes(2)).ignoreExceptions().untilAsserted(
                        () -> assertThat(AcksAllWrites.describe(admin, TOPIC).partitions())
                                .allSatisfy(p -> assertThat(isrIds(p)).containsExactlyInAnyOrder(1, 2, 3)));
                AcksAllWrites.send(producer, TOPIC, 60, 90);
            }
        }
    }

    @Test
    void shouldNameOnlyWhatAJvmThatIsNoLongerRunningLeftBehind() {
        long self = ProcessHandle.current().pid();
        String listing = "7: fnk" + self + "h1@if2: <BROADCAST> master fnk" + self + "b\n"
                + "9: fnk999999999h2@if2: <BROADCAST> master fnk999999999b state UP\n"
                + "fnk999999999-1 (id: 0)\n3: eth0: <BROADCAST>\n";
        assertThat(NetworkNamespaces.ownedByDeadJvms(listing))
                .containsExactlyInAnyOrder("fnk999999999h2", "fnk999999999b", "fnk999999999-1");
    }

    private static List<Integer> isrIds(TopicPartitionInfo p) {
        return p.isr().stream().map(n -> n.id()).toList();
    }
}

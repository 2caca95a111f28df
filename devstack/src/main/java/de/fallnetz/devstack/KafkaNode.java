package de.fallnetz.devstack;

import java.util.concurrent.CountDownLatch;

/**
 * Entry point of one node of a multi-node Kafka cluster in its own process, so that a test or the chaos run can kill
 * a single broker with SIGKILL. Arguments: those of {@link KafkaNodeSettings#toArgs()}.
 */
public final class KafkaNode {

    private KafkaNode() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startNode(KafkaNodeSettings.fromArgs(args));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "kafka-node-shutdown"));
        stopped.await();
    }
}

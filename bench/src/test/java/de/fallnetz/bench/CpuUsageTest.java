package de.fallnetz.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import de.fallnetz.devstack.EmbeddedKafkaBroker;

class CpuUsageTest {

    private static final long BURN_NANOS = 300_000_000;

    @Test
    void chargesTheBrokerThreadGroupToKafkaAndTheBenchJvmsOtherThreadsToTheLoadGenerator() throws Exception {
        CpuUsage usage = CpuUsage.start(Map.of(), ProcessHandle.current().pid());

        CountDownLatch burnt = new CountDownLatch(1);
        CountDownLatch measured = new CountDownLatch(1);
        // A broker thread lives as long as the broker, so this one is still there when the usage is taken.
        Thread broker = new Thread(EmbeddedKafkaBroker.THREADS, () -> {
            burn();
            burnt.countDown();
            awaitQuietly(measured);
        }, "broker-like");
        broker.setDaemon(true);
        broker.start();
        Thread load = new Thread(CpuUsageTest::burn, "load-like");
        load.start();
        load.join();
        burnt.await();

        Map<String, Long> ticks;
        try {
            ticks = usage.stop().processTicks();
        } finally {
            measured.countDown();
        }
        // The broker's share is timed per thread by the JVM: 300 ms are 30 ticks of 10 ms, give or take the
        // thread's start and end. The load generator is what is left of the process, measured in whole ticks.
        assertThat(ticks.get(CpuUsage.KAFKA_BROKER)).isBetween(29L, 33L);
        assertThat(ticks.get(CpuUsage.LOAD_GENERATOR)).isGreaterThanOrEqualTo(27L);
        assertThat(ticks).containsKeys(CpuUsage.POSTGRES, CpuUsage.BENCH_JIT, CpuUsage.BENCH_GC)
                .doesNotContainKey("bench JVM");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Uses the CPU until this thread has used {@link #BURN_NANOS} of it. */
    private static void burn() {
        ThreadMXBean jvm = ManagementFactory.getThreadMXBean();
        long x = 0;
        while (jvm.getCurrentThreadCpuTime() < BURN_NANOS) {
            for (int i = 0; i < 10_000; i++) {
                x += i * 31L ^ x;
            }
        }
        if (x == 42) {
            System.out.print(""); // keeps the loop from being optimised away
        }
    }
}

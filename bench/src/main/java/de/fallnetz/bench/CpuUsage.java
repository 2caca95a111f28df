package de.fallnetz.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

import de.fallnetz.devstack.EmbeddedKafkaBroker;
import de.fallnetz.devstack.FallnetzService;
import de.fallnetz.devstack.ServiceProcess;

/**
 * CPU time of the whole machine, of each service process, of PostgreSQL and of the bench's own JVM over an interval,
 * from Linux's /proc (in clock ticks of 10 ms): which part of the system a case costs most, and whether the machine
 * ran out of CPU. The bench's JVM is split four ways: the Kafka broker's threads (its thread group, timed by the
 * JVM), the JIT compiler threads and the GC threads (by their HotSpot names in /proc), and the rest, the load
 * generator.
 */
final class CpuUsage {

    private static final double MILLIS_PER_TICK = 10;

    /** Everything on the machine that is not a service, in the order of the reports' columns. */
    static final String POSTGRES = "PostgreSQL";
    static final String KAFKA_BROKER = "Kafka broker";
    /** The bench JVM's compiler threads: its warm-up, for the broker and the load generator alike. */
    static final String BENCH_JIT = "bench JVM's JIT";
    /** The bench JVM's garbage collector threads, for the broker and the load generator alike. */
    static final String BENCH_GC = "bench JVM's GC";
    /**
     * The rest of the bench's JVM: its HTTP clients, its database polls, in bench/lifecycle the mail server, and the
     * JVM's own small threads (finalizer, sweeper, service thread).
     */
    static final String LOAD_GENERATOR = "load generator";
    static final String REST = "rest of the machine";
    static final List<String> OUTSIDE = List.of(POSTGRES, KAFKA_BROKER, BENCH_JIT, BENCH_GC, LOAD_GENERATOR,
            REST);

    private static final long NANOS_PER_TICK = 10_000_000;
    /** "C1 CompilerThre", "C2 CompilerThre". */
    private static final Predicate<String> JIT_THREADS = name -> name.startsWith("C1 Compiler")
            || name.startsWith("C2 Compiler");
    /** "GC Thread#0", "G1 Conc#0", "G1 Refine#0" and the like, and the VM thread that runs the collections' pauses. */
    private static final Predicate<String> GC_THREADS = name -> name.startsWith("GC Thread") || name.startsWith("G1 ")
            || name.equals("VM Thread");
    /** This JVM as a whole, split by {@link #stop()}. */
    private static final String BENCH_JVM = "bench JVM";

    /** The service processes' share of {@link Measured#perCaseMillis}: everything but {@link #OUTSIDE}. */
    static double servicesOnly(Map<String, Double> perCaseMillis) {
        return perCaseMillis.entrySet().stream().filter(e -> !OUTSIDE.contains(e.getKey()))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    private final Map<FallnetzService, ServiceProcess> services;
    private final long postgresPid;
    private final long[] machineStart;
    private final Map<String, Long> processStart;
    private final Map<Long, Long> brokerStart;
    private final Map<String, Long> jitStart;
    private final Map<String, Long> gcStart;

    private CpuUsage(Map<FallnetzService, ServiceProcess> services, long postgresPid) {
        this.services = services;
        this.postgresPid = postgresPid;
        this.machineStart = machine();
        this.processStart = processes();
        this.brokerStart = brokerThreadNanos();
        this.jitStart = jvmThreadTicks(JIT_THREADS);
        this.gcStart = jvmThreadTicks(GC_THREADS);
    }

    /**
     * @param postgresPid the postmaster: its backends are its children, and the CPU of those that ended is in its
     *        own figures for reaped children
     */
    static CpuUsage start(Map<FallnetzService, ServiceProcess> services, long postgresPid) {
        return new CpuUsage(services, postgresPid);
    }

    /**
     * @param processTicks per service, then {@link #POSTGRES} and this JVM's in four parts: {@link #KAFKA_BROKER}
     *        (the single broker runs in it; three brokers, {@code FALLNETZ_KAFKA_BROKERS=3}, are processes of their
     *        own and count in {@link #REST}), {@link #BENCH_JIT}, {@link #BENCH_GC} and
     *        {@link #LOAD_GENERATOR}
     */
    record Measured(double busyShare, long busyTicks, Map<String, Long> processTicks) {

        Map<String, Double> perCaseMillis(int cases) {
            Map<String, Double> perCase = new LinkedHashMap<>();
            long attributed = 0;
            for (Map.Entry<String, Long> e : processTicks.entrySet()) {
                perCase.put(e.getKey(), e.getValue() * MILLIS_PER_TICK / cases);
                attributed += e.getValue();
            }
            // Busy time charged to no process measured here: the hypervisor's steal time, other processes (Kafka
            // brokers of their own with FALLNETZ_KAFKA_BROKERS=3), and interrupt work outside any process.
            perCase.put(REST, (busyTicks - attributed) * MILLIS_PER_TICK / cases);
            return perCase;
        }
    }

    Measured stop() {
        long[] end = machine();
        long busy = end[0] - machineStart[0];
        long total = end[1] - machineStart[1];
        Map<String, Long> ticks = new LinkedHashMap<>();
        processes().forEach((id, t) -> ticks.put(id, t - processStart.get(id)));
        long benchJvm = ticks.remove(BENCH_JVM);
        long broker = Math.round(sinceStart(brokerThreadNanos(), brokerStart) / (double) NANOS_PER_TICK);
        long jit = sinceStart(jvmThreadTicks(JIT_THREADS), jitStart);
        long gc = sinceStart(jvmThreadTicks(GC_THREADS), gcStart);
        ticks.put(KAFKA_BROKER, broker);
        ticks.put(BENCH_JIT, jit);
        ticks.put(BENCH_GC, gc);
        // What the broker's, the compilers' and the collector's threads did not use. A thread that ended meanwhile
        // counts here too, whatever it was (the broker's live as long as it does), which is why the bench turns off
        // HotSpot's stopping of idle compiler threads (bench/run, bench/lifecycle).
        ticks.put(LOAD_GENERATOR, Math.max(0, benchJvm - broker - jit - gc));
        return new Measured((double) busy / total, busy, ticks);
    }

    /** Per thread alive now, its time since the start (all of it for a thread started since). */
    private static <K> long sinceStart(Map<K, Long> now, Map<K, Long> start) {
        return now.entrySet().stream().mapToLong(e -> e.getValue() - start.getOrDefault(e.getKey(), 0L)).sum();
    }

    /** CPU time so far of each live thread of the broker's thread group, by thread ID. */
    private static Map<Long, Long> brokerThreadNanos() {
        ThreadMXBean jvm = ManagementFactory.getThreadMXBean();
        Thread[] threads = new Thread[EmbeddedKafkaBroker.THREADS.activeCount() + 32];
        int n = EmbeddedKafkaBroker.THREADS.enumerate(threads, true);
        Map<Long, Long> nanos = new HashMap<>();
        for (int i = 0; i < n; i++) {
            long cpu = jvm.getThreadCpuTime(threads[i].getId());
            if (cpu >= 0) { // -1: ended since it was listed
                nanos.put(threads[i].getId(), cpu);
            }
        }
        return nanos;
    }

    /**
     * Ticks so far of those of this JVM's own threads whose names (as HotSpot gives them, cut to 15 characters by the
     * kernel) the filter accepts, by task ID.
     */
    private static Map<String, Long> jvmThreadTicks(Predicate<String> names) {
        Map<String, Long> ticks = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    if (names.test(Files.readString(task.resolve("comm")).strip())) {
                        String[] f = statFields(Files.readString(task.resolve("stat")));
                        ticks.put(task.getFileName().toString(), Long.parseLong(f[11]) + Long.parseLong(f[12]));
                    }
                } catch (IOException ended) {
                    // the thread ended after the tasks were listed
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ticks;
    }

    private Map<String, Long> processes() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        for (ServiceProcess p : services.values()) {
            ticks.put(p.service().id(), processTicks(p.pid()));
        }
        ticks.put(POSTGRES, postgresTicks());
        ticks.put(BENCH_JVM, processTicks(ProcessHandle.current().pid()));
        return ticks;
    }

    /**
     * The postmaster's own ticks and its reaped children's, plus those of its running backends. A backend that ends
     * between the two reads would count twice or not at all, so the sample is taken again until the postmaster's
     * figures did not change meanwhile.
     */
    private long postgresTicks() {
        for (int attempt = 1;; attempt++) {
            long own = ownAndReaped(postgresPid);
            long children = 0;
            for (ProcessHandle child : ProcessHandle.of(postgresPid).map(p -> p.children().toList())
                    .orElse(List.of())) {
                try {
                    children += processTicks(child.pid());
                } catch (UncheckedIOException gone) {
                    // ended meanwhile: the postmaster's figures change once it is reaped, and the sample repeats
                }
            }
            if (ownAndReaped(postgresPid) == own || attempt == 5) {
                return own + children;
            }
        }
    }

    /** utime, stime, cutime and cstime: a process's own ticks and those of its children that ended. */
    private static long ownAndReaped(long pid) {
        String[] f = statFields(pid);
        return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }

    /** utime + stime of a process, fields 14 and 15 of /proc/PID/stat (after the command in parentheses). */
    private static long processTicks(long pid) {
        String[] fields = statFields(pid);
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** The fields of /proc/PID/stat after the command in parentheses (so field 14, utime, is index 11). */
    private static String[] statFields(long pid) {
        return statFields(read(Path.of("/proc", String.valueOf(pid), "stat")));
    }

    private static String[] statFields(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
    }

    /** Busy and total ticks of all CPUs, from the first line of /proc/stat. */
    private static long[] machine() {
        String[] f = read(Path.of("/proc/stat")).lines().findFirst().orElseThrow().trim().split("\\s+");
        long total = 0;
        // user nice system idle iowait irq softirq steal; guest time is already counted in user.
        for (int i = 1; i <= 8 && i < f.length; i++) {
            total += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
        return new long[] { total - idle, total };
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

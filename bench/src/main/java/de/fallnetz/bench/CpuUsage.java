package de.fallnetz.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import de.fallnetz.devstack.FallnetzService;
import de.fallnetz.devstack.ServiceProcess;

/**
 * CPU time of the whole machine, of each service process, of PostgreSQL and of the bench's own JVM over an interval,
 * from Linux's /proc (in clock ticks of 10 ms): which part of the system a case costs most, and whether the machine
 * ran out of CPU.
 */
final class CpuUsage {

    private static final double MILLIS_PER_TICK = 10;

    /** Everything on the machine that is not a service, in the order of the reports' columns. */
    static final String POSTGRES = "PostgreSQL";
    static final String BENCH_JVM = "Kafka broker, load generator";
    static final String REST = "rest of the machine";
    static final List<String> OUTSIDE = List.of(POSTGRES, BENCH_JVM, REST);

    /** The service processes' share of {@link Measured#perCaseMillis}: everything but {@link #OUTSIDE}. */
    static double servicesOnly(Map<String, Double> perCaseMillis) {
        return perCaseMillis.entrySet().stream().filter(e -> !OUTSIDE.contains(e.getKey()))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    private final Map<FallnetzService, ServiceProcess> services;
    private final long postgresPid;
    private final long[] machineStart;
    private final Map<String, Long> processStart;

    private CpuUsage(Map<FallnetzService, ServiceProcess> services, long postgresPid) {
        this.services = services;
        this.postgresPid = postgresPid;
        this.machineStart = machine();
        this.processStart = processes();
    }

    /**
     * @param postgresPid the postmaster: its backends are its children, and the CPU of those that ended is in its
     *        own figures for reaped children
     */
    static CpuUsage start(Map<FallnetzService, ServiceProcess> services, long postgresPid) {
        return new CpuUsage(services, postgresPid);
    }

    /**
     * @param processTicks per service, then {@link #POSTGRES} and {@link #BENCH_JVM} (this JVM: the single Kafka
     *        broker runs in it, beside the load generator, the bench's own database polls and, in bench/lifecycle,
     *        the mail server; three brokers, {@code FALLNETZ_KAFKA_BROKERS=3}, are processes of their own and count
     *        in {@link #REST})
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
        return new Measured((double) busy / total, busy, ticks);
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
        String stat = read(Path.of("/proc", String.valueOf(pid), "stat"));
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

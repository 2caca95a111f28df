package de.fallnetz.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import de.fallnetz.devstack.FallnetzService;
import de.fallnetz.devstack.ServiceProcess;

/**
 * CPU time of the whole machine and of each service process over an interval, from Linux's /proc (in clock ticks of
 * 10 ms): which part of the system a case costs most, and whether the machine ran out of CPU.
 */
final class CpuUsage {

    private static final double MILLIS_PER_TICK = 10;

    private final Map<FallnetzService, ServiceProcess> services;
    private final long[] machineStart;
    private final Map<String, Long> processStart;

    private CpuUsage(Map<FallnetzService, ServiceProcess> services) {
        this.services = services;
        this.machineStart = machine();
        this.processStart = processes();
    }

    static CpuUsage start(Map<FallnetzService, ServiceProcess> services) {
        return new CpuUsage(services);
    }

    record Measured(double busyShare, long busyTicks, Map<String, Long> processTicks) {

        Map<String, Double> perCaseMillis(int cases) {
            Map<String, Double> perCase = new LinkedHashMap<>();
            long services = 0;
            for (Map.Entry<String, Long> e : processTicks.entrySet()) {
                perCase.put(e.getKey(), e.getValue() * MILLIS_PER_TICK / cases);
                services += e.getValue();
            }
            perCase.put("Kafka, PostgreSQL, load", (busyTicks - services) * MILLIS_PER_TICK / cases);
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
        return ticks;
    }

    /** utime + stime of a process, fields 14 and 15 of /proc/PID/stat (after the command in parentheses). */
    private static long processTicks(long pid) {
        String stat = read(Path.of("/proc", String.valueOf(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
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

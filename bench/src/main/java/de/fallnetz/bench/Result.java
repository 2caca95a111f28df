package de.fallnetz.bench;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One benchmark run: the machine's own limits and what the system achieved, measured in the same run.
 *
 * @param kafkaLimit records per second one producer gets acknowledged (acks=all, idempotent)
 * @param postgresLimit single-row transactions per second committed from {@code clients} connections
 * @param cases, clients the saturation run: {@code clients} clients, each opening its next case as soon as the
 *        last is answered
 * @param gatewayCasesPerSecond cases per second the gateway accepted (201)
 * @param endToEndCasesPerSecond cases per second that reached the timeline with all three hops
 * @param kafkaRecordsPerSecond records per second the services wrote to their topics meanwhile
 * @param postgresCommitsPerSecond transactions per second the service databases committed meanwhile
 * @param cpuBusy share of the machine's CPU time busy while the cases were opened and processed (all processes)
 * @param cpuMillisPerCase CPU time per case of each service process, and of everything else on the machine
 * @param steady the same system at half its end-to-end rate, where nothing queues up
 * @param rssMiB resident memory of each service process at the end, in MiB
 * @param commitsPerCase transactions committed per case in each service's database during the saturation run
 * @param loadAverage the machine's 1-minute load average before and after the saturation run (other work on the
 *        machine shows here)
 * @param statements the service databases' statements during the saturation run, most execution time first
 */
record Result(Instant at, String machine, int cases, int clients, double kafkaLimit, double postgresLimit,
        double gatewayCasesPerSecond, double endToEndCasesPerSecond, double kafkaRecordsPerSecond,
        double postgresCommitsPerSecond, Stats postLatency, Stats endToEndLatency, double cpuBusy, Map<String, Double> cpuMillisPerCase,
        Steady steady, Map<String, Long> rssMiB, Map<String, Long> peakRssMiB, Map<String, Double> commitsPerCase,
        String loadAverage, List<PostgresStatements.Measured> statements) {

    /** Cases offered at a fixed rate below capacity: the latencies a user sees when the system keeps up. */
    record Steady(int cases, double offeredPerSecond, double endToEndPerSecond, Stats postLatency,
            Stats endToEndLatency) {
    }

    /** CPU per case of the service processes alone, without PostgreSQL, Kafka, the load and the rest. */
    double servicesCpuPerCase() {
        return CpuUsage.servicesOnly(cpuMillisPerCase);
    }

    double kafkaShare() {
        return kafkaRecordsPerSecond / kafkaLimit;
    }

    /** The cost of one hop (consume, apply once, write the outbox, relay): partner-service does exactly that. */
    static final String ONE_HOP = "partner-service";

    double postgresShare() {
        return postgresCommitsPerSecond / postgresLimit;
    }
}

package de.fallnetz.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

import de.fallnetz.contracts.events.Topics;
import de.fallnetz.devstack.DevStack;
import de.fallnetz.devstack.FallnetzService;
import de.fallnetz.devstack.ServiceProcess;
import de.fallnetz.devstack.StackEndpoints;

/**
 * Opens cases through the gateway of the whole running system and measures how fast they are accepted and how fast
 * they cross all services to the timeline, next to what this machine's Kafka and PostgreSQL manage on their own.
 * Started by {@code bench/run}; see {@code bench/README.md}.
 */
public final class WalkingSkeletonBench {

    private static final List<String> TOPICS = List.of(Topics.CASE_EVENTS, Topics.PARTNER_EVENTS,
            Topics.NOTIFICATION_EVENTS);
    private static final int HOPS = 3;

    private final PrintStream out = System.out;
    private final Path root;
    private final int cases;
    private final int clients;

    private WalkingSkeletonBench(Path root, int cases, int clients) {
        this.root = root;
        this.cases = cases;
        this.clients = clients;
    }

    public static void main(String[] args) throws Exception {
        Logger.getLogger("").setLevel(Level.SEVERE);
        int cases = BenchSupport.intArg(args, "--cases", 3000);
        int clients = BenchSupport.intArg(args, "--clients", 8);
        Path root = Path.of(System.getProperty("fallnetz.root", ".")).toAbsolutePath().normalize();
        new WalkingSkeletonBench(root, cases, clients).run();
        System.exit(0);
    }

    private void run() throws Exception {
        Path data = Files.createTempDirectory("fallnetz-bench");
        BenchSupport.step(out, "stack", "Starting Kafka and PostgreSQL with empty data in " + data);
        try (DevStack stack = DevStack.startWithStatementStatistics(data)) {
            StackEndpoints endpoints = stack.endpoints();

            BenchSupport.step(out, "limits", "Measuring what Kafka and PostgreSQL manage on their own");
            double kafkaLimit = Baselines.kafkaRecordsPerSecond(endpoints, 100_000, 300,
                    new Progress(out, "Kafka records"));
            double postgresLimit = Baselines.postgresCommitsPerSecond(endpoints, clients, 1_000,
                    new Progress(out, "PostgreSQL commits"));
            Baselines.dropBaselineTable(endpoints);
            out.printf(Locale.ROOT, "      Kafka %,.0f records/s, PostgreSQL %,.0f commits/s%n", kafkaLimit,
                    postgresLimit);

            BenchSupport.step(out, "services",
                    "Starting the " + FallnetzService.values().length + " services (logs in bench/target/logs/)");
            // Closed before the stack: the services stop while Kafka and PostgreSQL are still there.
            try (Fleet fleet = Fleet.start(root, endpoints, List.of(FallnetzService.values()), out)) {
                Map<FallnetzService, ServiceProcess> services = fleet.running();
                String gateway = services.get(FallnetzService.GATEWAY).baseUrl();
                LoadDriver driver = new LoadDriver(gateway);

                int warmUp = Math.max(100, cases / 10);
                BenchSupport.step(out, "warm-up", warmUp + " cases, not measured");
                LoadDriver.Run warm = driver.open(warmUp, clients, new Progress(out, "warm-up cases"));
                awaitTimelines(endpoints, warm.caseIds(), new Progress(out, "warm-up timelines"));

                BenchSupport.step(out, "saturate", cases + " cases from " + clients
                        + " clients, each as soon as its last is answered");
                quietPeriod();
                String loadBefore = loadAverage();
                Map<String, Long> commitsBefore = commits(endpoints);
                long recordsBefore = records(endpoints);
                PostgresStatements.reset(endpoints);
                CpuUsage cpu = CpuUsage.start(services, stack.postgresPid());
                LoadDriver.Run load = driver.open(cases, clients, new Progress(out, "cases accepted"));
                awaitTimelines(endpoints, load.caseIds(), new Progress(out, "cases complete"));
                CpuUsage.Measured used = cpu.stop();
                List<PostgresStatements.Measured> statements = PostgresStatements.read(endpoints);
                Timing timing = timing(endpoints, load.caseIds());
                quietPeriod();
                String loadAfter = loadAverage();
                Map<String, Long> commitsAfter = commits(endpoints);
                Map<String, Double> commitsPerCase = new LinkedHashMap<>();
                commitsAfter.forEach((db, n) -> commitsPerCase.put(db, (n - commitsBefore.getOrDefault(db, 0L))
                        / (double) cases));
                long commits = commitsAfter.values().stream().mapToLong(Long::longValue).sum()
                        - commitsBefore.values().stream().mapToLong(Long::longValue).sum();
                long records = records(endpoints) - recordsBefore;

                double endToEnd = cases / timing.seconds();
                double rate = endToEnd / 2;
                int steadyCases = (int) Math.max(50, Math.min(cases / 2, rate * 30));
                BenchSupport.step(out, "steady", String.format(Locale.ROOT,
                        "%d cases at %.1f/s, half the end-to-end rate", steadyCases, rate));
                LoadDriver.Run paced = driver.open(steadyCases, clients * 4, rate, new Progress(out, "cases accepted"));
                awaitTimelines(endpoints, paced.caseIds(), new Progress(out, "cases complete"));
                Timing steadyTiming = timing(endpoints, paced.caseIds());
                Result.Steady steady = new Result.Steady(steadyCases, rate, steadyCases / steadyTiming.seconds(),
                        Stats.ofNanos(paced.latenciesNanos()), Stats.ofMillis(steadyTiming.latenciesMillis()));

                Map<String, Long> rss = new LinkedHashMap<>();
                Map<String, Long> peak = new LinkedHashMap<>();
                for (ServiceProcess p : services.values()) {
                    rss.put(p.service().id(), procStatusMiB(p.pid(), "VmRSS"));
                    peak.put(p.service().id(), procStatusMiB(p.pid(), "VmHWM"));
                }
                Result result = new Result(Instant.now().truncatedTo(ChronoUnit.SECONDS), BenchSupport.machine(),
                        cases, clients, kafkaLimit, postgresLimit, load.perSecond(), endToEnd,
                        records / timing.seconds(), commits / timing.seconds(), Stats.ofNanos(load.latenciesNanos()),
                        Stats.ofMillis(timing.latenciesMillis()), used.busyShare(), used.perCaseMillis(cases), steady,
                        rss, peak, commitsPerCase, loadBefore + " before, " + loadAfter + " after", statements);

                String name = BenchSupport.resultName("walking-skeleton", result.at());
                Path dir = root.resolve("bench/results");
                Report.write(result, dir, name);
                out.println();
                out.print(Report.markdown(result, name + ".png"));
                out.println();
                out.println("Report: " + root.relativize(dir.resolve(name + ".md")) + " (chart " + name + ".png, data "
                        + name + ".json)");
            }
        } finally {
            DevStack.deleteQuietly(data);
        }
    }

    /** Waits until every case has all its hops on the timeline. */
    private void awaitTimelines(StackEndpoints stack, List<String> ids, Progress progress) throws Exception {
        try (Connection c = BenchSupport.caseDb(stack)) {
            BenchSupport.uncommitted(c, () -> pollTimelines(c, ids, progress));
        }
    }

    private static Void pollTimelines(Connection c, List<String> ids, Progress progress) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        try (PreparedStatement ps = c.prepareStatement("""
                select count(*) from (select case_id from timeline_entry where case_id = any(?)
                group by case_id having count(*) >= ?) complete""")) {
            ps.setArray(1, uuids(c, ids));
            ps.setInt(2, HOPS);
            while (true) {
                long complete;
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    complete = rs.getLong(1);
                }
                progress.update(complete, ids.size());
                if (complete == ids.size()) {
                    return null;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(complete + " of " + ids.size() + " cases complete after 10 min");
                }
                Thread.sleep(200);
            }
        }
    }

    private record Timing(double seconds, double[] latenciesMillis) {
    }

    /**
     * From the database clock: the span from the first case opened to the last hop recorded, and per case the time
     * from opening to its last hop on the timeline.
     */
    private Timing timing(StackEndpoints stack, List<String> ids) throws SQLException {
        try (Connection c = BenchSupport.caseDb(stack); PreparedStatement ps = c.prepareStatement("""
                select extract(epoch from max(t.recorded_at) - f.opened_at) * 1000 as ms,
                       extract(epoch from f.opened_at) as opened, extract(epoch from max(t.recorded_at)) as done
                from fallnetz_case f join timeline_entry t on t.case_id = f.id
                where f.id = any(?) group by f.id, f.opened_at""")) {
            ps.setArray(1, uuids(c, ids));
            double[] latencies = new double[ids.size()];
            double first = Double.MAX_VALUE;
            double last = 0;
            int i = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    latencies[i++] = rs.getDouble("ms");
                    first = Math.min(first, rs.getDouble("opened"));
                    last = Math.max(last, rs.getDouble("done"));
                }
            }
            return new Timing(last - first, latencies);
        }
    }

    /** Transactions committed so far in each service's database, by service. */
    static Map<String, Long> commits(StackEndpoints stack) throws SQLException {
        Map<String, Long> commits = new LinkedHashMap<>();
        try (Connection c = Baselines.admin(stack)) {
            for (FallnetzService s : FallnetzService.values()) {
                try (PreparedStatement ps = c.prepareStatement(
                        "select xact_commit from pg_stat_database where datname = ?")) {
                    ps.setString(1, s.database());
                    try (ResultSet rs = ps.executeQuery()) {
                        commits.put(s.id(), rs.next() ? rs.getLong(1) : 0L);
                    }
                }
            }
        }
        return commits;
    }

    /** The machine's 1-minute load average, from /proc/loadavg. */
    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    /** Records on the services' topics so far. */
    private static long records(StackEndpoints stack) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafkaBootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> request = new LinkedHashMap<>();
            for (String topic : TOPICS) {
                for (int p = 0; p < Topics.PARTITIONS; p++) {
                    request.put(new TopicPartition(topic, p), OffsetSpec.latest());
                }
            }
            return admin.listOffsets(request).all().get().values().stream().mapToLong(i -> i.offset()).sum();
        }
    }

    /**
     * PostgreSQL publishes a busy backend's counters at most once a second and an idle one's within ten; waiting
     * that long makes the commit counts before and after complete.
     */
    private void quietPeriod() throws InterruptedException {
        out.println("      waiting 11 s for PostgreSQL's statistics to settle");
        Thread.sleep(11_000);
    }

    private static Array uuids(Connection c, List<String> ids) throws SQLException {
        return c.createArrayOf("uuid", ids.stream().map(UUID::fromString).toArray());
    }

    static long procStatusMiB(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }
}

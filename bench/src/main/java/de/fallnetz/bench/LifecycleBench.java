package de.fallnetz.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
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

import de.fallnetz.devstack.DevStack;
import de.fallnetz.devstack.EmbeddedMailServer;
import de.fallnetz.devstack.FallnetzService;
import de.fallnetz.devstack.ServiceProcess;
import de.fallnetz.devstack.StackEndpoints;

/**
 * Takes cases through their whole life across all services (open, checklist, five partners answering through their
 * partner APIs, ready, decided, the applicant's mail sent) and measures cases per second completed, CPU per case and
 * service, PostgreSQL commits, Kafka records and hops per case, next to what this machine's Kafka and PostgreSQL
 * manage on their own. Started by {@code bench/lifecycle}; see {@code bench/README.md}.
 */
public final class LifecycleBench {

    /** The templates of the applicant's mail about the decision (decided-granted, decided-refused). */
    static final String DECIDED = "decided-%";

    /**
     * The services the bench's case crosses: the walking skeleton's four and the five partners its routing plan asks.
     * The others (registration office, social benefits, relocation, office transfer) would only read and skip its
     * events; left out, they do not slow the start on a small machine.
     */
    static final List<FallnetzService> SERVICES = List.of(FallnetzService.CASE_SERVICE,
            FallnetzService.PARTNER_SERVICE, FallnetzService.NOTIFICATION_SERVICE, FallnetzService.GATEWAY,
            FallnetzService.BA_CONSENT, FallnetzService.RECOGNITION, FallnetzService.SECURITY_CHECK,
            FallnetzService.INTEGRATION_COURSE, FallnetzService.WELCOME_CENTER);

    private final PrintStream out = System.out;
    private final Path root;
    private final int cases;
    private final int clients;
    private final boolean dashboards;

    private LifecycleBench(Path root, int cases, int clients, boolean dashboards) {
        this.root = root;
        this.dashboards = dashboards;
        this.cases = cases;
        this.clients = clients;
    }

    public static void main(String[] args) throws Exception {
        Logger.getLogger("").setLevel(Level.SEVERE);
        Path root = Path.of(System.getProperty("fallnetz.root", ".")).toAbsolutePath().normalize();
        new LifecycleBench(root, BenchSupport.intArg(args, "--cases", 500), BenchSupport.intArg(args, "--clients", 8),
                List.of(args).contains("--dashboards")).run();
        System.exit(0);
    }

    private void run() throws Exception {
        Path data = Files.createTempDirectory("fallnetz-lifecycle");
        BenchSupport.step(out, "stack", "Starting Kafka, PostgreSQL and a mail server with empty data in " + data);
        try (DevStack stack = DevStack.start(data, 0, 0, 0);
                EmbeddedMailServer mail = EmbeddedMailServer.start(0, 0)) {
            StackEndpoints endpoints = stack.endpoints();

            BenchSupport.step(out, "limits", "Measuring what Kafka and PostgreSQL manage on their own");
            double kafkaLimit = Baselines.kafkaRecordsPerSecond(endpoints, 100_000, 300,
                    new Progress(out, "Kafka records"));
            double postgresLimit = Baselines.postgresCommitsPerSecond(endpoints, clients, 1_000,
                    new Progress(out, "PostgreSQL commits"));
            Baselines.dropBaselineTable(endpoints);
            out.printf(Locale.ROOT, "      Kafka %,.0f records/s, PostgreSQL %,.0f commits/s%n", kafkaLimit,
                    postgresLimit);

            BenchSupport.step(out, "services", "Starting the services a case's life crosses (logs in "
                    + "bench/target/logs/): " + SERVICES.stream().map(FallnetzService::id).toList());
            try (Fleet fleet = Fleet.start(root, endpoints, SERVICES, out);
                    RunDashboards watching = dashboards ? RunDashboards.start(root, fleet.running(), out).orElse(null)
                            : null) {
                Map<FallnetzService, ServiceProcess> services = fleet.running();
                Map<FallnetzService, String> urls = new HashMap<>();
                services.forEach((s, p) -> urls.put(s, p.baseUrl()));
                LifecycleDriver driver = new LifecycleDriver(urls.get(FallnetzService.GATEWAY), urls, endpoints);

                int warmUp = Math.max(20, cases / 10);
                BenchSupport.step(out, "warm-up", warmUp + " cases through their whole life, not measured");
                LifecycleDriver.Run warm = driver.drive(warmUp, clients, new Progress(out, "warm-up cases decided"));
                awaitMails(endpoints, warm.caseIds(), new Progress(out, "warm-up decision mails sent"));

                BenchSupport.step(out, "saturate", cases + " cases from " + clients
                        + " clients, each taking one case through its life, then the next");
                quietPeriod();
                String loadBefore = BenchSupport.loadAverage();
                Map<String, Long> commitsBefore = WalkingSkeletonBench.commits(endpoints);
                long recordsBefore = records(endpoints);
                int retriedBefore = driver.retries.get();
                CpuUsage cpu = CpuUsage.start(services, stack.postgresPid());
                LifecycleDriver.Run run = driver.drive(cases, clients, new Progress(out, "cases decided"));
                awaitMails(endpoints, run.caseIds(), new Progress(out, "decision mails sent"));
                CpuUsage.Measured used = cpu.stop();
                String loadDuring = BenchSupport.loadAverage();
                Timing timing = timing(endpoints, run.caseIds());
                quietPeriod();
                Map<String, Long> commitsAfter = WalkingSkeletonBench.commits(endpoints);
                Map<String, Double> commitsPerCase = new LinkedHashMap<>();
                commitsAfter.forEach((db, n) -> commitsPerCase.put(db, (n - commitsBefore.getOrDefault(db, 0L))
                        / (double) cases));
                long records = records(endpoints) - recordsBefore;

                Map<String, Long> rss = new LinkedHashMap<>();
                for (ServiceProcess p : services.values()) {
                    rss.put(p.service().id(), WalkingSkeletonBench.procStatusMiB(p.pid(), "VmRSS"));
                }
                LifecycleReport report = new LifecycleReport(Instant.now().truncatedTo(ChronoUnit.SECONDS),
                        BenchSupport.machine(), cases, clients, kafkaLimit, postgresLimit, cases / timing.seconds(),
                        records / timing.seconds(), commitsPerCase.values().stream().mapToDouble(d -> d).sum()
                                * cases / timing.seconds(),
                        Stats.ofNanos(run.latenciesNanos()), Stats.ofMillis(timing.latenciesMillis()),
                        used.busyShare(), used.perCaseMillis(cases), commitsPerCase, records / (double) cases,
                        timing.hopsPerCase(), timing.mailsPerCase(), run.interactionsByKind(), rss,
                        driver.retries.get() - retriedBefore,
                        loadBefore + " before, " + loadDuring + " at the end");
                String name = BenchSupport.resultName("lifecycle", report.at());
                Path dir = root.resolve("bench/results");
                report.write(dir, name);
                if (watching != null) {
                    watching.render(dir, name, out);
                }
                out.println();
                out.print(report.markdown(name + ".png"));
                out.println();
                out.println("Report: " + root.relativize(dir.resolve(name + ".md")) + " (chart " + name
                        + ".png, data " + name + ".json)");
            }
        } finally {
            DevStack.deleteQuietly(data);
        }
    }

    private static Connection notificationDb(StackEndpoints stack) throws SQLException {
        String db = FallnetzService.NOTIFICATION_SERVICE.database();
        return DriverManager.getConnection(stack.jdbcUrl(db), db, db);
    }

    /** Waits until the applicant's mail about the decision is sent (handed to the SMTP server) for every case. */
    private static void awaitMails(StackEndpoints stack, List<String> ids, Progress progress) throws Exception {
        try (Connection c = notificationDb(stack)) {
            BenchSupport.uncommitted(c, () -> pollMails(c, ids, progress));
        }
    }

    private static Void pollMails(Connection c, List<String> ids, Progress progress) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        try (PreparedStatement ps = c.prepareStatement("""
                select count(distinct case_id) from delivery
                where event_type like ? and channel = 'EMAIL' and status = 'SENT' and case_id = any(?)""")) {
            ps.setString(1, DECIDED);
            ps.setArray(2, c.createArrayOf("text", ids.toArray()));
            while (true) {
                long sent;
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    sent = rs.getLong(1);
                }
                progress.update(sent, ids.size());
                if (sent == ids.size()) {
                    return null;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(sent + " of " + ids.size() + " decision mails sent after 10 min");
                }
                Thread.sleep(200);
            }
        }
    }

    private record Timing(double seconds, double[] latenciesMillis, double hopsPerCase, double mailsPerCase) {
    }

    /**
     * From the databases' clocks: the span from the first case opened to the last decision mail sent; per case the
     * time from opening to its decision mail; the events on each case's timeline (its hops) and the mails sent.
     */
    private static Timing timing(StackEndpoints stack, List<String> ids) throws SQLException {
        Map<String, Double> opened = new HashMap<>();
        double hops;
        try (Connection c = BenchSupport.caseDb(stack); PreparedStatement ps = c.prepareStatement(
                "select id::text, extract(epoch from opened_at) from fallnetz_case where id = any(?)");
                PreparedStatement timeline = c.prepareStatement(
                        "select count(*) from timeline_entry where case_id = any(?)")) {
            Array array = c.createArrayOf("uuid", ids.stream().map(UUID::fromString).toArray());
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    opened.put(rs.getString(1), rs.getDouble(2));
                }
            }
            timeline.setArray(1, array);
            try (ResultSet rs = timeline.executeQuery()) {
                rs.next();
                hops = rs.getLong(1) / (double) ids.size();
            }
        }
        double[] latencies = new double[ids.size()];
        double first = opened.values().stream().mapToDouble(d -> d).min().orElse(0);
        double last = 0;
        long mails;
        try (Connection c = notificationDb(stack); PreparedStatement ps = c.prepareStatement("""
                select case_id, extract(epoch from sent_at) from delivery
                where event_type like ? and channel = 'EMAIL' and status = 'SENT' and case_id = any(?)""");
                PreparedStatement all = c.prepareStatement(
                        "select count(*) from delivery where status = 'SENT' and case_id = any(?)")) {
            Array array = c.createArrayOf("text", ids.toArray());
            ps.setString(1, DECIDED);
            ps.setArray(2, array);
            int i = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && i < latencies.length) {
                    double sent = rs.getDouble(2);
                    latencies[i++] = (sent - opened.get(rs.getString(1))) * 1000;
                    last = Math.max(last, sent);
                }
            }
            all.setArray(1, array);
            try (ResultSet rs = all.executeQuery()) {
                rs.next();
                mails = rs.getLong(1);
            }
        }
        return new Timing(last - first, latencies, hops, mails / (double) ids.size());
    }

    /** Records on every topic of the system so far (end offsets), the bench's own baseline topic left out. */
    private static long records(StackEndpoints stack) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafkaBootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> request = new LinkedHashMap<>();
            var topics = admin.describeTopics(admin.listTopics().names().get()).allTopicNames().get();
            topics.forEach((name, d) -> {
                if (!name.startsWith("bench.")) {
                    d.partitions().forEach(p -> request.put(new TopicPartition(name, p.partition()),
                            OffsetSpec.latest()));
                }
            });
            return admin.listOffsets(request).all().get().values().stream().mapToLong(i -> i.offset()).sum();
        }
    }

    /** PostgreSQL publishes a backend's counters at most once a second and an idle one's within ten. */
    private void quietPeriod() throws InterruptedException {
        out.println("      waiting 11 s for PostgreSQL's statistics to settle");
        Thread.sleep(11_000);
    }
}

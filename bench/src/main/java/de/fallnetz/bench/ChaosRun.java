package de.fallnetz.bench;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

import de.fallnetz.devstack.DevStack;
import de.fallnetz.devstack.FallnetzService;
import de.fallnetz.devstack.KafkaCluster;
import de.fallnetz.devstack.StackEndpoints;

/**
 * The chaos run: opens cases through the gateway at a steady rate while it injects one fault after the other (each
 * service killed and restarted, a broker killed, PostgreSQL killed, a service frozen past its consumer-group session,
 * a table locked for over a minute, with 3 brokers one cut off the network for 30 s), then checks from the databases and the topics that every accepted case crossed
 * every hop exactly once, in order, with nothing left in an outbox. Started by {@code bench/chaos}; see
 * bench/README.md.
 */
public final class ChaosRun {

    private final PrintStream out;
    private final Path root;
    private final Plan plan;
    private final List<ChaosFault> faults = new ArrayList<>();
    private volatile boolean faultsDone;

    /**
     * What one run does: how many cases at which rate, how many brokers, which services are killed, how long each
     * outage lasts, the calm after each fault so that its recovery can be seen, and where the report goes.
     */
    record Plan(int cases, double rate, int brokers, List<FallnetzService> killed, Duration killedFor,
            Duration outage, Duration partition, Duration frozen, Duration lock, Duration calm, Path results,
            boolean dashboards) {

        /** The full run of bench/chaos: every service killed in turn, the outages as issue #11 sets them. */
        static Plan full(int brokers, int cases, double rate, Path results, boolean dashboards) {
            return new Plan(cases, rate, brokers, List.of(FallnetzService.values()), Duration.ofSeconds(3),
                    Duration.ofSeconds(20), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(70),
                    Duration.ofSeconds(15), results, dashboards);
        }

        /** For trying the run itself: three services killed instead of all, shorter outages. */
        static Plan quick(int brokers, int cases, double rate, Path results, boolean dashboards) {
            return new Plan(cases, rate, brokers, List.of(FallnetzService.GATEWAY, FallnetzService.CASE_SERVICE,
                    FallnetzService.NOTIFICATION_SERVICE), Duration.ofSeconds(3), Duration.ofSeconds(10),
                    Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(70), Duration.ofSeconds(15),
                    results, dashboards);
        }

        /**
         * The short version inside the test run: each kind of fault once, as short as still means something (the
         * frozen service stays away past its 15 s consumer session), a few hundred cases.
         */
        static Plan systemTest(Path results) {
            return new Plan(300, 4, 3, List.of(FallnetzService.CASE_SERVICE), Duration.ofSeconds(2),
                    Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofSeconds(20), Duration.ofSeconds(20),
                    Duration.ofSeconds(5), results, false);
        }
    }

    ChaosRun(Path root, Plan plan, PrintStream out) {
        this.root = root;
        this.plan = plan;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        Logger.getLogger("").setLevel(Level.SEVERE);
        Path root = Path.of(System.getProperty("fallnetz.root", ".")).toAbsolutePath().normalize();
        int brokers = BenchSupport.intArg(args, "--brokers", 3);
        if (brokers != 1 && brokers != 3) {
            throw new IllegalArgumentException("--brokers must be 1 or 3");
        }
        boolean quick = List.of(args).contains("--quick");
        boolean dashboards = List.of(args).contains("--dashboards");
        int cases = BenchSupport.intArg(args, "--cases", quick ? 500 : 5000);
        int rate = BenchSupport.intArg(args, "--rate", 8);
        Path results = root.resolve("bench/results");
        Plan plan = quick ? Plan.quick(brokers, cases, rate, results, dashboards)
                : Plan.full(brokers, cases, rate, results, dashboards);
        new ChaosRun(root, plan, System.out).run();
        System.exit(0);
    }

    /** Runs the plan and writes its report; the report says whether anything was lost or done twice. */
    ChaosReport run() throws Exception {
        Path data = Files.createTempDirectory("fallnetz-chaos");
        int brokers = plan.brokers();
        // The partition needs each broker in a network namespace of its own: root and iproute2.
        boolean partition = brokers > 1 && KafkaCluster.networkNamespacesPermitted();
        BenchSupport.step(out, "stack", "Starting PostgreSQL and Kafka (" + brokers + " broker process"
                + (brokers > 1 ? "es" : "") + (partition ? ", each in its own network namespace" : "")
                + ") with empty data in " + data);
        if (brokers > 1 && !partition) {
            out.println("      'ip netns add' is not permitted here: the network partition fault is left out");
        }
        try (DevStack stack = partition ? DevStack.startWithKafkaInNetworkNamespaces(data, brokers)
                : DevStack.startWithKafkaProcesses(data, brokers)) {
            StackEndpoints endpoints = stack.endpoints();
            KafkaCluster kafka = (KafkaCluster) stack.kafka();
            BenchSupport.step(out, "services", "Starting the services (logs in bench/target/logs/)");
            try (Fleet fleet = Fleet.start(root, endpoints, List.of(FallnetzService.values()), out);
                    RunDashboards watching = plan.dashboards()
                            ? RunDashboards.start(root, fleet.running(), out).orElse(null)
                            : null) {
                String gateway = fleet.get(FallnetzService.GATEWAY).baseUrl();
                String readinessUrl = fleet.get(FallnetzService.CASE_SERVICE).managementUrl() + "/q/health/ready";
                ReadinessWatch readiness = ReadinessWatch.start(readinessUrl);

                BenchSupport.step(out, "load", String.format(Locale.ROOT, "At least %d cases at %.0f/s through the "
                        + "gateway, on until the last fault is over; retried with the same Idempotency-Key on 503 or "
                        + "a timeout", plan.cases(), plan.rate()));
                ChaosLoad load = new ChaosLoad(gateway);
                long runStart = System.currentTimeMillis();
                CompletableFuture<Void> loading = CompletableFuture.runAsync(() -> {
                    try {
                        load.run(plan.cases(), plan.rate(), () -> !faultsDone, new Progress(out, "cases settled"));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                try {
                    injectFaults(stack, kafka, partition, fleet, endpoints, readiness, load);
                } finally {
                    faultsDone = true;
                }
                BenchSupport.step(out, "drain", "Faults done; waiting for the load to finish");
                loading.get();
                readiness.stop();

                ChaosCheck check = ChaosCheck.run(endpoints, load, new Progress(out, "cases complete"), out);
                ChaosReport report = new ChaosReport(Instant.now().truncatedTo(ChronoUnit.SECONDS),
                        BenchSupport.machine(), plan.cases(), plan.rate(), brokers, runStart, load, check, faults,
                        BenchSupport.loadAverage());
                String name = BenchSupport.resultName("chaos-" + brokers + "-broker", report.at());
                Path dir = plan.results();
                report.write(dir, name);
                if (watching != null) {
                    watching.render(dir, name, out);
                }
                out.println();
                out.print(report.markdown(name + ".png"));
                out.println("Report: " + root.relativize(dir.resolve(name + ".md")));
                return report;
            }
        } finally {
            DevStack.deleteQuietly(data);
        }
    }

    /** One fault after the other, each with a calm spell after it so that its recovery can be seen. */
    private void injectFaults(DevStack stack, KafkaCluster kafka, boolean partition, Fleet fleet,
            StackEndpoints endpoints, ReadinessWatch readiness, ChaosLoad load) throws Exception {
        // Before any fault: the check counts the events of the first cases as what every case must have.
        calm(plan.calm().plusSeconds(5));
        long outage = plan.outage().toMillis();
        for (FallnetzService s : plan.killed()) {
            fault("kill -9 " + s.id(), readiness, load, () -> {
                fleet.kill(s);
                Thread.sleep(plan.killedFor().toMillis());
                fleet.restart(s);
            });
            calm(plan.calm().dividedBy(2));
        }
        if (plan.brokers() > 1) {
            fault("kill -9 broker 2 of 3 for " + outage / 1000 + " s", readiness, load, () -> {
                kafka.kill(1);
                Thread.sleep(outage);
                kafka.startNode(1);
            });
        } else {
            fault("kill -9 the only broker for " + outage / 1000 + " s", readiness, load, () -> {
                kafka.kill(0);
                Thread.sleep(outage);
                kafka.startNode(0);
            });
        }
        calm(plan.calm());
        if (partition) {
            // The broker runs on but reaches nobody and nobody reaches it: its leaderships and ISR places must move
            // to the other two, and it must catch up and rejoin by itself after the heal.
            fault("network partition of broker 3 of 3 for " + plan.partition().toSeconds() + " s", readiness, load,
                    () -> {
                        kafka.partition(2);
                        Thread.sleep(plan.partition().toMillis());
                        kafka.heal(2);
                    });
            calm(plan.calm());
        }
        fault("kill -9 PostgreSQL for " + outage / 1000 + " s", readiness, load, () -> {
            stack.killPostgres();
            Thread.sleep(outage);
            stack.restartPostgres();
        });
        calm(plan.calm());
        FallnetzService frozen = FallnetzService.NOTIFICATION_SERVICE;
        fault("SIGSTOP " + frozen.id() + " for " + plan.frozen().toSeconds() + " s (past its consumer session)",
                readiness, load, () -> {
                    signal("STOP", fleet.get(frozen).pid());
                    try {
                        Thread.sleep(plan.frozen().toMillis());
                    } finally {
                        signal("CONT", fleet.get(frozen).pid());
                    }
                });
        calm(plan.calm());
        fault("lock case-service's timeline table for " + plan.lock().toSeconds() + " s", readiness, load, () -> {
            String db = FallnetzService.CASE_SERVICE.database();
            try (Connection c = DriverManager.getConnection(endpoints.jdbcUrl(db), db, db);
                    Statement st = c.createStatement()) {
                c.setAutoCommit(false);
                st.execute("lock table timeline_entry in access exclusive mode");
                Thread.sleep(plan.lock().toMillis());
                c.rollback();
            }
        });
        calm(plan.calm());
    }

    private interface Action {
        void run() throws Exception;
    }

    private void fault(String name, ReadinessWatch readiness, ChaosLoad load, Action action) throws Exception {
        BenchSupport.step(out, "fault", name);
        long refusedBefore = refused(load);
        long start = System.currentTimeMillis();
        action.run();
        long end = System.currentTimeMillis();
        faults.add(new ChaosFault(name, start, end, readiness.wentDownBetween(start, end + 5000),
                refused(load) - refusedBefore));
    }

    private static long refused(ChaosLoad load) {
        return load.answers.entrySet().stream().filter(e -> e.getKey() != 200 && e.getKey() != 201)
                .mapToLong(e -> e.getValue().sum()).sum();
    }

    private void calm(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    private static void signal(String signal, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
        }
    }

    /** A fault as it happened: wall-clock start and end (ms), whether readiness went DOWN, answers other than 2xx. */
    record ChaosFault(String name, long startMillis, long endMillis, boolean readinessDown, long refusedAnswers) {
    }

    /** Polls one service's readiness twice a second and keeps when it was DOWN. */
    static final class ReadinessWatch {

        private final List<long[]> down = new ArrayList<>();
        private volatile boolean running = true;
        private Long downSince;

        static ReadinessWatch start(String url) {
            ReadinessWatch watch = new ReadinessWatch();
            Thread t = new Thread(() -> watch.poll(url), "readiness-watch");
            t.setDaemon(true);
            t.start();
            return watch;
        }

        private void poll(String url) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build();
            while (running) {
                boolean up;
                try {
                    up = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (Exception e) {
                    up = false;
                }
                record(up, System.currentTimeMillis());
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private synchronized void record(boolean up, long now) {
            if (!up && downSince == null) {
                downSince = now;
            } else if (up && downSince != null) {
                down.add(new long[] { downSince, now });
                downSince = null;
            }
        }

        synchronized boolean wentDownBetween(long from, long to) {
            if (downSince != null && downSince <= to) {
                return true;
            }
            return down.stream().anyMatch(d -> d[0] <= to && d[1] >= from);
        }

        void stop() {
            running = false;
        }
    }
}

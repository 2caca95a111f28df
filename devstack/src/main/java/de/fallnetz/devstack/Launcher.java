package de.fallnetz.devstack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the whole system on this machine: the embedded stack with its data under {@code .fallnetz/data}, then every
 * service as a separate process on fixed ports, until Ctrl-C. Started by {@code ./run}.
 */
public final class Launcher {

    static final int KAFKA_PORT = 19092;
    static final int KAFKA_CONTROLLER_PORT = 19093;
    static final int POSTGRES_PORT = 15432;
    static final int KEYCLOAK_PORT = 8180;
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    private final PrintStream out = System.out;
    private final Path root;
    private final Path home;
    private final List<ServiceProcess> processes = new ArrayList<>();
    private final Map<FallnetzService, Map<String, String>> environments = new LinkedHashMap<>();
    private DevStack stack;
    private EmbeddedMailServer mail;
    private KeycloakServer keycloak;
    private volatile boolean stopping;

    private Launcher(Path root) {
        this.root = root;
        this.home = root.resolve(".fallnetz");
    }

    public static void main(String[] args) throws Exception {
        // The broker and the database log their routine at WARNING; the launcher prints what matters itself.
        Logger.getLogger("").setLevel(Level.SEVERE);
        Path root = Path.of(System.getProperty("fallnetz.root", ".")).toAbsolutePath().normalize();
        boolean clean = List.of(args).contains("--clean");
        System.exit(new Launcher(root).run(clean));
    }

    private int run(boolean clean) throws Exception {
        Files.createDirectories(home);
        try (FileChannel channel = FileChannel.open(home.resolve("run.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = channel.tryLock()) {
            if (lock == null) {
                out.println("Fallnetz is already running (launcher pid " + readPid() + ")."
                        + " Stop it with Ctrl-C in its terminal, or: kill " + readPid());
                return 3;
            }
            Files.writeString(home.resolve("run.pid"), String.valueOf(ProcessHandle.current().pid()));
            Map<FallnetzService, Integer> ports = ports();
            List<String> busy = busyPorts(ports);
            if (!busy.isEmpty()) {
                out.println("Cannot start: " + String.join(", ", busy) + " already in use by another program.");
                return 4;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "fallnetz-shutdown"));
            if (clean) {
                step("clean", "Deleting the data of earlier runs (--clean)");
                if (Files.exists(home.resolve("data"))) {
                    DevStack.deleteQuietly(home.resolve("data"));
                }
            }
            int kafkaNodes = KafkaBrokers.configuredNodes();
            step("stack", "Starting PostgreSQL on port " + POSTGRES_PORT + " and Kafka on port " + KAFKA_PORT
                    + (kafkaNodes > 1 ? " (" + kafkaNodes + " nodes, broker ports " + KAFKA_PORT + ", "
                            + (KAFKA_PORT + 2) + ", " + (KAFKA_PORT + 4) + "; " + KafkaBrokers.SETTING + ")" : ""));
            long t0 = System.nanoTime();
            // Kafka in processes of its own: an operator can stop a broker and watch the services cope (README).
            stack = DevStack.startWithKafkaProcesses(home.resolve("data"), kafkaNodes, KAFKA_PORT,
                    KAFKA_CONTROLLER_PORT, POSTGRES_PORT, home.resolve("logs"));
            out.printf("      stack up in %.1f s%n", seconds(t0));
            step("mail", "Starting the local mail server (SMTP " + EmbeddedMailServer.SMTP_PORT + ", IMAP "
                    + EmbeddedMailServer.IMAP_PORT + ")");
            mail = EmbeddedMailServer.start(EmbeddedMailServer.SMTP_PORT, EmbeddedMailServer.IMAP_PORT);

            step("identity", "Starting Keycloak on port " + KEYCLOAK_PORT + " (realm " + KeycloakServer.REALM + ")");
            long k0 = System.nanoTime();
            keycloak = KeycloakServer.start(home.resolve("data").resolve("keycloak"), "localhost", KEYCLOAK_PORT,
                    home.resolve("logs").resolve("keycloak.log"));
            out.printf("      Keycloak up in %.1f s%n", seconds(k0));

            // A fresh key pair per run for the gateway's internal tokens (see PartnerTokens); earlier tokens stop
            // working.
            PartnerTokens.generate(home.resolve("keys"));
            System.setProperty(PartnerTokens.PROPERTY, home.resolve("keys").toString());
            step("services", "Starting the services (logs in .fallnetz/logs/)");
            StackEndpoints endpoints = stack.endpoints();
            for (FallnetzService service : FallnetzService.values()) {
                Map<String, String> env = service.environment(endpoints, ports, keycloak.issuer());
                env.put(ServiceProcess.MANAGEMENT_PORT, String.valueOf(service.defaultManagementPort()));
                environments.put(service, env);
                processes.add(startService(service));
            }
            for (ServiceProcess process : processes) {
                if (!process.awaitReady(READY_TIMEOUT)) {
                    out.println("  ✗ " + process.service().id() + " did not become ready. Last log lines:");
                    out.println(process.logTail(30));
                    return 5;
                }
                out.printf("  ✓ %-21s ready after %5.1f s%n", process.service().id(), seconds(t0));
            }
            printSummary(ports, endpoints);
            watch();
            return 0;
        }
    }

    private ServiceProcess startService(FallnetzService service) throws IOException {
        return ServiceProcess.start(service, ServiceProcess.applicationJar(root, service), environments.get(service),
                home.resolve("logs").resolve(service.id() + ".log"));
    }

    /**
     * Starts again a service or a Kafka broker that died while the system runs, as a process supervisor would: after
     * 2 s, doubling the wait for each further crash up to a minute, so that a service that cannot start does not spin.
     */
    private void watch() throws Exception {
        Map<String, Integer> crashes = new HashMap<>();
        Map<String, Long> due = new HashMap<>();
        KafkaCluster kafka = (KafkaCluster) stack.kafka();
        while (!stopping) {
            long now = System.nanoTime();
            for (int i = 0; i < processes.size(); i++) {
                ServiceProcess p = processes.get(i);
                if (!p.isAlive() && !stopping && restartDue(p.service().id(), "exited with code " + p.exitValue()
                        + "; see " + root.relativize(p.logFile()), crashes, due, now)) {
                    processes.set(i, startService(p.service()));
                }
            }
            for (int n = 0; n < kafka.size(); n++) {
                if (!kafka.isAlive(n) && !stopping
                        && restartDue("Kafka broker " + (n + 1), "stopped", crashes, due, now)) {
                    kafka.startNode(n);
                }
            }
            Thread.sleep(1000);
        }
    }

    private boolean restartDue(String what, String why, Map<String, Integer> crashes, Map<String, Long> due,
            long now) {
        Long at = due.get(what);
        if (at == null) {
            int crash = crashes.merge(what, 1, Integer::sum);
            long wait = Math.min(60, 1L << Math.min(6, crash));
            due.put(what, now + wait * 1_000_000_000L);
            out.println("! " + what + " " + why + "; starting it again in " + wait + " s");
            return false;
        }
        if (now < at) {
            return false;
        }
        due.remove(what);
        out.println("  " + what + " started again");
        return true;
    }

    private void printSummary(Map<FallnetzService, Integer> ports, StackEndpoints endpoints) {
        int gateway = ports.get(FallnetzService.GATEWAY);
        out.println();
        out.println("Fallnetz is running. Press Ctrl-C to stop.");
        out.println();
        out.println("  Gateway (start page)   http://localhost:" + gateway + "/");
        out.println("  Gateway REST API       http://localhost:" + gateway + "/api/cases   (bearer token, see below)");
        out.println("  Partner API            http://localhost:" + gateway + "/partner/v1/{service}/requests   (contract:"
                + " http://localhost:" + gateway + "/partner/openapi.yaml)");
        out.println();
        out.printf("  %-21s %-34s %-32s %s%n", "service", "Swagger UI", "metrics", "readiness");
        for (FallnetzService s : FallnetzService.values()) {
            String base = "http://localhost:" + s.defaultManagementPort();
            out.printf("  %-21s %-34s %-32s %s%n", s.id(), base + "/q/swagger-ui", base + "/q/metrics",
                    base + "/q/health/ready");
        }
        out.println();
        out.println("  Kafka       " + endpoints.kafkaBootstrapServers() + "   topics: "
                + String.join(", ", de.fallnetz.contracts.events.Topics.ALL));
        KafkaCluster kafka = (KafkaCluster) stack.kafka();
        StringBuilder pids = new StringBuilder();
        for (int n = 0; n < kafka.size(); n++) {
            pids.append(n == 0 ? "" : ", ").append(kafka.pid(n));
        }
        out.println("              broker process" + (kafka.size() > 1 ? "es " : " ") + pids
                + " (logs in .fallnetz/logs/kafka-node-N.log; a stopped broker is started again)");
        out.println("  PostgreSQL  psql -h 127.0.0.1 -p " + endpoints.postgresPort()
                + " -U postgres   (one database and role per service, e.g. -U case_service case_service)");
        out.println("  Mail (all mail sent by notification-service lands here, none leaves the machine)");
        out.println("    SMTP " + mail.endpoints().host() + ":" + mail.endpoints().smtpPort() + "   IMAP "
                + mail.endpoints().host() + ":" + mail.endpoints().imapPort()
                + "   user and password = the recipient's address, no TLS");
        out.println("    e.g. curl -s --url 'imap://127.0.0.1:" + mail.endpoints().imapPort()
                + "/INBOX;UID=1' --user 'lan@example.org:lan@example.org'");
        out.println("  Keycloak    " + keycloak.baseUrl() + "/admin   (realm " + KeycloakServer.REALM + "; admin "
                + KeycloakServer.ADMIN_USER + " / " + KeycloakServer.ADMIN_PASSWORD + ")");
        out.println("  Demo accounts (password \"" + KeycloakTokens.DEMO_PASSWORD + "\", development only):");
        out.println("    anna.schmidt, ben.weber  clerks, abh-berlin      clara.huber  clerk, abh-muenchen");
        out.println("    tom.becker   team lead, abh-berlin      dora.fischer  data-protection officer"
                + "      otto.wagner  operator");
        out.println("    rosa.keller  partner portal (/portal), relocation-muster      emil.brandt  partner portal,"
                + " welcome-center-berlin");
        out.println("  Token of a clerk:   curl -s -d grant_type=password -d client_id=" + KeycloakTokens.GATEWAY_CLIENT
                + " -d client_secret=" + KeycloakTokens.GATEWAY_SECRET + " -d username=anna.schmidt -d password="
                + KeycloakTokens.DEMO_PASSWORD + " " + keycloak.tokenEndpoint());
        out.println("  Token of a partner: curl -s -d grant_type=client_credentials -d client_id=ba-zav"
                + " -d client_secret=" + KeycloakTokens.partnerSecret("ba-zav") + " " + keycloak.tokenEndpoint());
        out.println("    (partners: ba-zav, bamf, bva, relocation-muster, welcome-center-berlin, meldeamt-berlin;"
                + " secret <client>-dev-secret)");
        out.println();
    }

    private void shutdown() {
        stopping = true;
        out.println();
        out.println("Stopping Fallnetz ...");
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
        if (mail != null) {
            mail.close();
        }
        if (keycloak != null) {
            keycloak.close();
        }
        if (stack != null) {
            stack.close();
        }
        try {
            Files.deleteIfExists(home.resolve("run.pid"));
        } catch (IOException e) {
            // Leaving a stale pid file is harmless: the lock, not the file, says whether a run is active.
        }
        out.println("Stopped. Data is kept in .fallnetz/data (start with ./run --clean to begin afresh).");
    }

    private static Map<FallnetzService, Integer> ports() {
        Map<FallnetzService, Integer> ports = new LinkedHashMap<>();
        for (FallnetzService s : FallnetzService.values()) {
            ports.put(s, s.defaultPort());
        }
        return ports;
    }

    private static List<String> busyPorts(Map<FallnetzService, Integer> ports) {
        List<String> busy = new ArrayList<>();
        List<Integer> all = new ArrayList<>(ports.values());
        for (int n = 1; n < KafkaBrokers.configuredNodes(); n++) {
            all.addAll(List.of(KAFKA_PORT + 2 * n, KAFKA_CONTROLLER_PORT + 2 * n));
        }
        all.addAll(List.of(KAFKA_PORT, KAFKA_CONTROLLER_PORT, POSTGRES_PORT, EmbeddedMailServer.SMTP_PORT,
                EmbeddedMailServer.IMAP_PORT, KEYCLOAK_PORT));
        ports.keySet().forEach(s -> all.add(s.defaultManagementPort()));
        for (int port : all) {
            try (ServerSocket socket = new ServerSocket(port)) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                busy.add("port " + port);
            }
        }
        return busy;
    }

    private String readPid() {
        try {
            return Files.readString(home.resolve("run.pid"), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private void step(String phase, String what) {
        out.println("[" + phase + "] " + what);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}

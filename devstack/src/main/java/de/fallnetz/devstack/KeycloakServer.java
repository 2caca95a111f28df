package de.fallnetz.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real Keycloak, the OpenID Connect provider of {@code ./run} and the tests, run from the
 * {@code org.keycloak:keycloak-quarkus-dist} distribution that the devstack build unpacks from Maven Central. It
 * imports the realm {@value #REALM} ({@code keycloak/fallnetz-realm.json}: users, roles, the gateway and the partner
 * organisations as clients) on its first start.
 * <p>
 * The distribution is built once for the options below ({@code kc.sh build}), then every instance starts
 * {@code --optimized} in production mode, with its own H2 file database and import folder, on loopback only and over
 * HTTP: a development identity provider, never one for production.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String REALM = "fallnetz";
    /** The master realm's administrator (development only): http://localhost:8180/admin. */
    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "admin";
    /** Build-time options; a distribution built with other ones is built again. */
    private static final List<String> BUILD_OPTIONS = List.of("--db=dev-file");
    /** Measured: 12–17 s to ready and about 390 MiB resident with these settings (README). */
    private static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-Xmx256m", "-XX:MaxMetaspaceSize=256m", "-Xss512k",
            "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-Dpicocli.disable.closures=true",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.security=ALL-UNNAMED");
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final String baseUrl;
    private final Path logFile;

    private KeycloakServer(Process process, String baseUrl, Path logFile) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.logFile = logFile;
    }

    /**
     * Starts Keycloak with its data under {@code dataDir} (kept between starts: the realm is imported only once) and
     * waits until the realm answers.
     *
     * @param host the host name in every URL Keycloak hands out, and so in the tokens' issuer
     * @param port the HTTP port; 0 picks a free one
     */
    public static KeycloakServer start(Path dataDir, String host, int port, Path logFile)
            throws IOException, InterruptedException {
        Path home = distribution();
        ensureBuilt(home);
        Path imports = Files.createDirectories(dataDir.resolve("import"));
        try (InputStream realm = KeycloakServer.class.getResourceAsStream("/keycloak/fallnetz-realm.json")) {
            Files.copy(realm, imports.resolve("fallnetz-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        }
        int httpPort = DevStack.free(port);
        String baseUrl = "http://" + host + ":" + httpPort;
        List<String> command = javaCommand(home);
        command.add("-Dkeycloak.migration.action=import");
        command.add("-Dkeycloak.migration.provider=dir");
        command.add("-Dkeycloak.migration.dir=" + imports);
        command.add("-Dkeycloak.migration.strategy=IGNORE_EXISTING");
        command.add("-cp");
        command.add(home.resolve("lib/quarkus-run.jar").toString());
        command.add("io.quarkus.bootstrap.runner.QuarkusEntryPoint");
        command.addAll(List.of("start", "--optimized", "--cache=local", "--http-enabled=true",
                "--http-host=127.0.0.1", "--http-port=" + httpPort, "--hostname=" + baseUrl,
                "--db-url=jdbc:h2:file:" + dataDir.resolve("h2/keycloakdb") + ";NON_KEYWORDS=VALUE"));
        Files.createDirectories(logFile.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(ServiceProcess.PROCESS_ENVIRONMENT);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        KeycloakServer server = new KeycloakServer(builder.start(), baseUrl, logFile);
        if (!server.awaitReady()) {
            server.close();
            throw new IllegalStateException("Keycloak did not become ready; see " + logFile);
        }
        return server;
    }

    /** The unpacked distribution: {@code fallnetz.keycloak.home}, or where the devstack build put it. */
    static Path distribution() throws IOException {
        String override = System.getProperty("fallnetz.keycloak.home");
        if (override != null) {
            return Path.of(override);
        }
        Properties p = new Properties();
        try (InputStream in = KeycloakServer.class.getResourceAsStream("/keycloak/distribution.properties")) {
            p.load(in);
        }
        Path home = Path.of(p.getProperty("home"));
        if (!Files.isRegularFile(home.resolve("lib/quarkus-run.jar"))) {
            throw new IllegalStateException(home + " holds no Keycloak: build the devstack module first");
        }
        return home;
    }

    /**
     * Runs {@code kc.sh build} once per distribution (about 8 s), under a file lock so that test JVMs starting at the
     * same time do not build it twice.
     */
    private static void ensureBuilt(Path home) throws IOException, InterruptedException {
        Path marker = home.resolve("lib/quarkus/fallnetz-build-options");
        String options = String.join(" ", BUILD_OPTIONS);
        try (FileChannel channel = FileChannel.open(home.resolve("fallnetz-build.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
            if (Files.isRegularFile(marker) && Files.readString(marker).equals(options)) {
                return;
            }
            List<String> command = javaCommand(home);
            command.add("-cp");
            command.add(home.resolve("lib/quarkus-run.jar").toString());
            command.add("io.quarkus.bootstrap.runner.QuarkusEntryPoint");
            command.add("build");
            command.addAll(BUILD_OPTIONS);
            Path log = home.resolve("fallnetz-build.log");
            Process build = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!build.waitFor(5, TimeUnit.MINUTES) || build.exitValue() != 0) {
                build.destroyForcibly();
                throw new IllegalStateException("Building Keycloak failed; see " + log);
            }
            Files.writeString(marker, options);
        }
    }

    private static List<String> javaCommand(Path home) {
        List<String> command = ChildProcesses.javaCommand();
        command.addAll(JVM_OPTIONS);
        command.add("-Dkc.home.dir=" + home);
        command.add("-Djboss.server.config.dir=" + home.resolve("conf"));
        return command;
    }

    private boolean awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer() + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return false;
            }
            try {
                if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(200);
        }
        return false;
    }

    /** {@code http://host:port}, the admin console below {@code /admin}. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The realm's issuer, what a client sets as {@code quarkus.oidc.auth-server-url}. */
    public String issuer() {
        return baseUrl + "/realms/" + REALM;
    }

    public String tokenEndpoint() {
        return issuer() + "/protocol/openid-connect/token";
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, then SIGKILL if it has not stopped within 20 seconds. */
    @Override
    public void close() {
        ChildProcesses.stop(process);
    }

    static void deleteQuietly(Path dir) {
        try {
            DevStack.deleteQuietly(dir);
        } catch (UncheckedIOException e) {
            // A temporary folder left behind is harmless.
        }
    }
}

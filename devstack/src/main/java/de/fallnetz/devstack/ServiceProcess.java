package de.fallnetz.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One service running as its own operating-system process from its packaged Quarkus application. */
public final class ServiceProcess implements AutoCloseable {

    /**
     * The JVM settings of every service process (./run, system tests, bench/run), kept in this one place; the
     * figures behind them are in bench/README.md.
     * <ul>
     * <li>{@code -XX:TieredStopAtLevel=1}: the C1 compiler only. With C2, its compiler threads took about 40 % of each
     * service's CPU during a benchmark run; C1-only halved the CPU per case and doubled the cases per second. A
     * process that runs for days pays C2's compile work once; measure before changing this for such a
     * deployment.</li>
     * <li>Serial GC: each service has well under a core of its own on a small machine, where a parallel or concurrent
     * collector only adds threads and memory.</li>
     * <li>Heap, code cache, metaspace and thread stacks capped: a service stays below 300 MiB resident under load,
     * all but case-service under the whole case lifecycle, whose letters' renders and 22,000 classes take it to about
     * 365 MiB (bench/README.md).</li>
     * <li>{@code -Xms32m}: the default initial heap is a 64th of the machine's memory, capped by {@code -Xmx}, so on
     * any machine above 10 GiB the JVM starts with all 160 MiB, and Serial GC's young generation, a third of that, is
     * all touched within minutes. Starting small, a service grows only to what it needs: the eight services that
     * render no letters stay 26–38 MiB smaller under the lifecycle load at the same CPU per case.</li>
     * </ul>
     */
    public static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-Xms32m", "-Xmx160m", "-XX:ReservedCodeCacheSize=64m", "-XX:MaxMetaspaceSize=160m", "-Xss512k");

    /**
     * Environment of every service process besides its own: glibc keeps one malloc arena per thread by default (up
     * to 8 per core), which costs resident memory and buys nothing on a small machine.
     */
    public static final Map<String, String> PROCESS_ENVIRONMENT = Map.of("MALLOC_ARENA_MAX", "2");

    /**
     * Environment variable with further JVM options for every service process, separated by spaces, e.g.
     * {@code -XX:StartFlightRecording=filename=target/x.jfr} to profile a benchmark run.
     */
    public static final String EXTRA_JVM_OPTIONS = "FALLNETZ_SERVICE_JVM_OPTIONS";

    /** Environment variable with the port of the management interface (health, metrics, Swagger UI). */
    public static final String MANAGEMENT_PORT = "QUARKUS_MANAGEMENT_PORT";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final FallnetzService service;
    private final int port;
    private final int managementPort;
    private final Path logFile;
    private final Process process;

    private ServiceProcess(FallnetzService service, int port, int managementPort, Path logFile, Process process) {
        this.service = service;
        this.port = port;
        this.managementPort = managementPort;
        this.logFile = logFile;
        this.process = process;
    }

    /** The packaged application of a service module below the repository root. */
    public static Path applicationJar(Path root, FallnetzService service) {
        return root.resolve(service.modulePath()).resolve("target/quarkus-app/quarkus-run.jar");
    }

    public static ServiceProcess start(FallnetzService service, Path jar, Map<String, String> env, Path logFile)
            throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build with ./mvnw package -DskipTests first");
        }
        Files.createDirectories(logFile.getParent());
        List<String> command = ChildProcesses.javaCommand();
        command.addAll(JVM_OPTIONS);
        command.addAll(extraJvmOptions());
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(PROCESS_ENVIRONMENT);
        builder.environment().putAll(env);
        int port = Integer.parseInt(env.get("QUARKUS_HTTP_PORT"));
        // Health, metrics and Swagger UI are on the management port: the one given, or a free one.
        int managementPort = env.containsKey(MANAGEMENT_PORT) ? Integer.parseInt(env.get(MANAGEMENT_PORT))
                : DevStack.freePort();
        builder.environment().put(MANAGEMENT_PORT, String.valueOf(managementPort));
        return new ServiceProcess(service, port, managementPort, logFile, builder.start());
    }

    private static List<String> extraJvmOptions() {
        String extra = System.getenv(EXTRA_JVM_OPTIONS);
        if (extra == null || extra.isBlank()) {
            return List.of();
        }
        return List.of(extra.trim().split("\\s+"));
    }

    public FallnetzService service() {
        return service;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Where health ({@code /q/health}), metrics ({@code /q/metrics}) and Swagger UI are served. */
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    public Path logFile() {
        return logFile;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public int exitValue() {
        return process.exitValue();
    }

    /** True once {@code /q/health/ready} answers UP; false if the process died or the time ran out. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest request = HttpRequest.newBuilder(URI.create(managementUrl() + "/q/health/ready"))
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
            Thread.sleep(250);
        }
        return false;
    }

    /** The last lines of the log, to explain a failed start. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL: the process gets no chance to finish anything. */
    public void kill() throws InterruptedException {
        ChildProcesses.kill(process);
    }

    /** SIGTERM, then SIGKILL if it has not stopped within 20 seconds. */
    @Override
    public void close() {
        ChildProcesses.stop(process);
    }
}

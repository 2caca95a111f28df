package de.fallnetz.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import de.fallnetz.devstack.FallnetzService;
import de.fallnetz.devstack.PrometheusServer;
import de.fallnetz.devstack.ServiceProcess;

/**
 * {@code --dashboards} of a benchmark run: a local Prometheus scrapes every service of the fleet (with the alert rules
 * of k8s/) for the whole run, and at the end the dashboards of k8s/base/monitoring/dashboards are drawn over the run
 * into results/{run}-dashboards/. A service restarted on its port keeps being scraped.
 */
final class RunDashboards implements AutoCloseable {

    private final Path root;
    private final PrometheusServer prometheus;
    private final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private RunDashboards(Path root, PrometheusServer prometheus) {
        this.root = root;
        this.prometheus = prometheus;
    }

    /** Empty, with a note, when Debian's prometheus package cannot be fetched here. */
    static Optional<RunDashboards> start(Path root, Map<FallnetzService, ServiceProcess> services, PrintStream out)
            throws Exception {
        Map<String, String> targets = new LinkedHashMap<>();
        services.forEach((s, p) -> targets.put(s.id(), p.managementUrl().replace("http://", "")));
        Optional<PrometheusServer> prometheus = PrometheusServer.start(root.resolve("bench/target/prometheus"),
                targets, root.resolve("k8s/base/monitoring/prometheus-rules.yaml"));
        if (prometheus.isEmpty()) {
            out.println("      no dashboards: Debian's prometheus package could not be fetched (no apt-get)");
            return Optional.empty();
        }
        out.println("      Prometheus " + prometheus.get().api() + " scrapes " + targets.size() + " services every second");
        return Optional.of(new RunDashboards(root, prometheus.get()));
    }

    /** Draws the dashboards from the start of the scraping until now into {@code results}/{name}-dashboards/. */
    List<Path> render(Path results, String name, PrintStream out) throws Exception {
        Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<Path> files = DashboardRenderer.renderAll(prometheus, root.resolve("k8s/base/monitoring/dashboards"),
                start, end, results.resolve(name + "-dashboards"));
        files.forEach(f -> out.println("Dashboard: " + root.relativize(f)));
        return files;
    }

    @Override
    public void close() {
        prometheus.close();
    }
}

package de.fallnetz.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import de.fallnetz.devstack.PrometheusServer;

/** Draws a dashboard from a real Prometheus: the series of each query land in its panel, with the panel's unit. */
class DashboardRendererTest {

    private static final String DASHBOARD = """
            {"title": "Test", "panels": [
              {"title": "Scrapes up", "gridPos": {"x": 0, "y": 0, "w": 12, "h": 8},
               "fieldConfig": {"defaults": {"unit": "short"}},
               "targets": [{"expr": "up{job=~\\"$service\\"}", "legendFormat": "{{job}}"}]},
              {"title": "Nothing", "gridPos": {"x": 12, "y": 0, "w": 12, "h": 8},
               "targets": [{"expr": "no_such_metric"}]}]}""";

    @Test
    void shouldDrawEachQuerysSeriesInItsPanelAndSayWhenAPanelHasNoData() throws Exception {
        // One target nobody listens on: Prometheus still records up = 0 for it every second.
        Optional<PrometheusServer> started = PrometheusServer.start(Path.of("target/prometheus").toAbsolutePath(),
                Map.of("nobody", "127.0.0.1:9"), null);
        assumeTrue(started.isPresent(), "Debian's prometheus package could not be fetched (no apt-get)");
        try (PrometheusServer prometheus = started.get()) {
            Instant from = Instant.now();
            await().atMost(Duration.ofSeconds(30)).until(() -> prometheus.query("up").size() == 1);

            BufferedImage image = DashboardRenderer.render(prometheus, new ObjectMapper().readTree(DASHBOARD), from,
                    Instant.now().plusSeconds(1));

            assertThat(image.getWidth()).isEqualTo(1600);
            assertThat(countOf(image, 0x2f6f9f, 0, 800)).as("the up series' line in the left panel").isPositive();
            assertThat(countOf(image, 0x2f6f9f, 800, 1600)).as("no series in the right panel").isZero();
        }
    }

    @Test
    void shouldFormatValuesInTheDashboardsUnitsAndLegendsFromTheLabels() throws Exception {
        assertThat(DashboardRenderer.format(3 * 1024 * 1024, "bytes")).isEqualTo("3 MiB");
        assertThat(DashboardRenderer.format(0.025, "s")).isEqualTo("25 ms");
        assertThat(DashboardRenderer.format(0.42, "percentunit")).isEqualTo("42 %");
        assertThat(DashboardRenderer.format(1500, "short")).isEqualTo("1.50 k");
        assertThat(DashboardRenderer.legend("p90 {{kind}}",
                new ObjectMapper().readTree("{\"kind\": \"BA_CONSENT\"}"))).isEqualTo("p90 BA_CONSENT");
    }

    private static int countOf(BufferedImage image, int rgb, int fromX, int toX) {
        int n = 0;
        for (int x = fromX; x < toX; x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }
}

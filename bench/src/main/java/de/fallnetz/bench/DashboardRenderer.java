package de.fallnetz.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import de.fallnetz.devstack.PrometheusServer;

/**
 * Draws a Grafana dashboard of k8s/base/monitoring/dashboards as a PNG from a local Prometheus: the panels in their
 * grid positions, each query's series over a time range with the panel's unit and legend format. Not Grafana, but
 * the same queries against the same metrics, so an operator sees what the dashboards show without a cluster.
 */
final class DashboardRenderer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WIDTH = 1600;
    private static final int ROW = 30;
    private static final int HEADER = 56;
    private static final Color[] PALETTE = {new Color(0x2f6f9f), new Color(0xc0703f), new Color(0x3f8f5f),
        new Color(0x9f3f3f), new Color(0x6f5fa0), new Color(0x8f7f2f), new Color(0x2f8f8f), new Color(0xa05f8f),
        new Color(0x5f5f5f), new Color(0x4f9fdf)};
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final Pattern LABEL = Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}");
    private static final int MAX_LEGEND = 6;
    private static final BasicStroke LINE = new BasicStroke(1.6f);

    private DashboardRenderer() {
    }

    /** Renders every dashboard JSON of {@code dashboards} into {@code out}/{name}.png; returns the files written. */
    static List<Path> renderAll(PrometheusServer prometheus, Path dashboards, Instant from, Instant to, Path out)
            throws IOException, InterruptedException {
        Files.createDirectories(out);
        List<Path> written = new ArrayList<>();
        try (var files = Files.list(dashboards)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                String name = f.getFileName().toString().replaceFirst("\\.json$", ".png");
                Path png = out.resolve(name);
                ImageIO.write(render(prometheus, JSON.readTree(f.toFile()), from, to), "png", png.toFile());
                written.add(png);
            }
        }
        return written;
    }

    static BufferedImage render(PrometheusServer prometheus, JsonNode dashboard, Instant from, Instant to)
            throws IOException, InterruptedException {
        int rows = 0;
        for (JsonNode panel : dashboard.get("panels")) {
            JsonNode pos = panel.get("gridPos");
            rows = Math.max(rows, pos.get("y").asInt() + pos.get("h").asInt());
        }
        BufferedImage image = new BufferedImage(WIDTH, HEADER + rows * ROW + 8, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Report.canvas(image);
        g.setColor(new Color(0x222222));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 20));
        g.drawString(dashboard.path("title").asText(), 12, 28);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.setColor(Color.DARK_GRAY);
        g.drawString(TIME.format(from) + " – " + TIME.format(to) + " UTC (" + minutes(from, to)
                + "), drawn from a local Prometheus with the dashboard's queries ($service = all)", 12, 48);
        Duration step = Duration.ofSeconds(Math.max(1, Duration.between(from, to).toSeconds() / 240));
        for (JsonNode panel : dashboard.get("panels")) {
            JsonNode pos = panel.get("gridPos");
            int x = pos.get("x").asInt() * WIDTH / 24;
            int y = HEADER + pos.get("y").asInt() * ROW;
            int w = pos.get("w").asInt() * WIDTH / 24;
            int h = pos.get("h").asInt() * ROW;
            List<Series> series = new ArrayList<>();
            for (JsonNode target : panel.get("targets")) {
                String expr = target.get("expr").asText().replace("$service", ".*");
                String legend = target.path("legendFormat").asText("");
                for (JsonNode result : prometheus.queryRange(expr, from, to, step)) {
                    series.add(Series.of(legend(legend, result.get("metric")), result.get("values")));
                }
            }
            panel(g, x + 4, y + 4, w - 8, h - 8, panel.path("title").asText(),
                    panel.path("fieldConfig").path("defaults").path("unit").asText("short"), series, from, to);
        }
        g.dispose();
        return image;
    }

    private static void panel(Graphics2D g, int x, int y, int w, int h, String title, String unit,
            List<Series> series, Instant from, Instant to) {
        g.setColor(new Color(0xf7f7f7));
        g.fillRect(x, y, w, h);
        g.setColor(new Color(0xdddddd));
        g.drawRect(x, y, w, h);
        g.setColor(new Color(0x222222));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(title, x + 8, y + 18);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        int legendRows = Math.min(series.size(), MAX_LEGEND);
        int legendHeight = (legendRows + 1) / 2 * 14 + 4;
        int px = x + 64;
        int py = y + 28;
        int pw = w - 76;
        int ph = h - 28 - 20 - legendHeight;
        if (series.isEmpty()) {
            g.setColor(Color.GRAY);
            g.drawString("no data in this range", px + pw / 2 - 50, py + ph / 2);
            return;
        }
        double max = series.stream().mapToDouble(Series::max).max().orElse(0);
        double min = Math.min(0, series.stream().mapToDouble(Series::min).min().orElse(0));
        if (max <= min) {
            max = min + 1;
        }
        max = max * 1.1;
        g.setColor(new Color(0xe4e4e4));
        for (int i = 0; i <= 4; i++) {
            int ly = py + ph - i * ph / 4;
            g.drawLine(px, ly, px + pw, ly);
        }
        g.setColor(Color.DARK_GRAY);
        for (int i = 0; i <= 4; i++) {
            int ly = py + ph - i * ph / 4;
            String label = format(min + (max - min) * i / 4, unit);
            g.drawString(label, px - 6 - g.getFontMetrics().stringWidth(label), ly + 4);
        }
        // In whole seconds as the range query's timestamps are.
        long span = Math.max(1, to.getEpochSecond() - from.getEpochSecond());
        for (int i = 0; i <= 4; i++) {
            Instant t = from.plusSeconds(span * i / 4);
            String label = TIME.format(t);
            int lx = px + (int) ((long) pw * i / 4) - g.getFontMetrics().stringWidth(label) / 2;
            g.drawString(label, lx, py + ph + 14);
        }
        for (int s = 0; s < series.size(); s++) {
            Series one = series.get(s);
            g.setColor(PALETTE[s % PALETTE.length]);
            g.setStroke(LINE);
            Path2D path = new Path2D.Double();
            boolean drawing = false;
            long previous = Long.MIN_VALUE;
            for (int i = 0; i < one.times.size(); i++) {
                long t = one.times.get(i);
                double v = one.values.get(i);
                double sx = px + (double) pw * (t - from.getEpochSecond()) / span;
                double sy = py + ph - ph * (v - min) / (max - min);
                // A gap of more than a few steps (a service down) breaks the line, as Grafana does.
                if (!drawing || t - previous > Math.max(5, span / 60)) {
                    path.moveTo(sx, sy);
                    drawing = true;
                } else {
                    path.lineTo(sx, sy);
                }
                previous = t;
            }
            g.setClip(px, py - 2, pw + 1, ph + 4);
            g.draw(path);
            g.setClip(null);
        }
        g.setStroke(new BasicStroke(1f));
        int ly = py + ph + 30;
        for (int s = 0; s < legendRows; s++) {
            int lx = x + 8 + (s % 2) * (w / 2);
            int row = ly + (s / 2) * 14;
            g.setColor(PALETTE[s % PALETTE.length]);
            g.fillRect(lx, row - 8, 10, 8);
            g.setColor(Color.DARK_GRAY);
            String text = series.get(s).name;
            if (s == MAX_LEGEND - 1 && series.size() > MAX_LEGEND) {
                text = text + "  (+" + (series.size() - MAX_LEGEND) + " more)";
            }
            g.drawString(clip(g, text, w / 2 - 24), lx + 14, row);
        }
    }

    private static String clip(Graphics2D g, String text, int width) {
        if (g.getFontMetrics().stringWidth(text) <= width) {
            return text;
        }
        String t = text;
        while (t.length() > 1 && g.getFontMetrics().stringWidth(t + "…") > width) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "…";
    }

    /** A legend as Grafana builds it: {{label}} replaced; without a format, the labels joined. */
    static String legend(String format, JsonNode metric) {
        if (format.isBlank()) {
            List<String> parts = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = metric.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                parts.add(e.getKey() + "=" + e.getValue().asText());
            }
            return parts.isEmpty() ? "value" : String.join(", ", parts);
        }
        Matcher m = LABEL.matcher(format);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(metric.path(m.group(1)).asText("")));
        }
        m.appendTail(sb);
        return sb.toString().trim();
    }

    /** A value in the panel's Grafana unit. */
    static String format(double v, String unit) {
        switch (unit) {
            case "bytes":
                return scaled(v, 1024, new String[] {"B", "KiB", "MiB", "GiB"});
            case "s":
                if (v == 0) {
                    return "0";
                }
                if (Math.abs(v) < 1) {
                    return number(v * 1000) + " ms";
                }
                if (Math.abs(v) < 120) {
                    return number(v) + " s";
                }
                if (Math.abs(v) < 7200) {
                    return number(v / 60) + " min";
                }
                if (Math.abs(v) < 172800) {
                    return number(v / 3600) + " h";
                }
                return number(v / 86400) + " d";
            case "percentunit":
                return number(v * 100) + " %";
            case "reqps":
                return number(v) + "/s";
            default:
                return scaled(v, 1000, new String[] {"", "k", "M", "G"}).trim();
        }
    }

    private static String scaled(double v, double base, String[] units) {
        int i = 0;
        while (Math.abs(v) >= base && i < units.length - 1) {
            v /= base;
            i++;
        }
        return number(v) + " " + units[i];
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            return String.format(Locale.ROOT, "%d", (long) v);
        }
        return String.format(Locale.ROOT, Math.abs(v) < 10 ? "%.2f" : "%.1f", v);
    }

    private static String minutes(Instant from, Instant to) {
        long seconds = Duration.between(from, to).toSeconds();
        return seconds < 120 ? seconds + " s" : seconds / 60 + " min";
    }

    /** One series of a range query. */
    private static final class Series {
        final String name;
        final List<Long> times = new ArrayList<>();
        final List<Double> values = new ArrayList<>();

        private Series(String name) {
            this.name = name;
        }

        static Series of(String name, JsonNode values) {
            Series s = new Series(name);
            for (JsonNode point : values) {
                double v = Double.parseDouble(point.get(1).asText());
                if (!Double.isNaN(v) && !Double.isInfinite(v)) {
                    s.times.add(point.get(0).asLong());
                    s.values.add(v);
                }
            }
            return s;
        }

        double max() {
            return values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        }

        double min() {
            return values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        }
    }
}

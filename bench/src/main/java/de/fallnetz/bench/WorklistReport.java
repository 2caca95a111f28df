package de.fallnetz.bench;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes a worklist run as Markdown (for people), JSON (for comparing runs) and a PNG chart, like {@link Report}. */
final class WorklistReport {

    private static final Color P50 = new Color(0x2f6f9f);
    private static final Color P99 = new Color(0xc0703f);

    private WorklistReport() {
    }

    /**
     * One run.
     *
     * @param offices the offices measured, each with the latency of every query kind
     * @param loadBefore, loadAfter the machine's load averages (1, 5, 15 min) before and after: other work on it
     * @param plans EXPLAIN (ANALYZE, BUFFERS) of the statements behind the biggest office's worklist
     */
    record Run(Instant at, String machine, int cases, int officeCount, double loadSeconds, String sizes, int repeat,
            String loadBefore, String loadAfter, List<Office> offices, Map<String, String> plans) {
    }

    /**
     * An office's worklist: latency in ms of each query kind, {@code GET /cases} answered.
     *
     * @param deepPage the page the cursors were followed to: 50, or the last if the office has fewer
     */
    record Office(String id, long cases, int deepPage, Map<String, Stats> latency) {
    }

    static void write(Run r, Path dir, String name) throws IOException {
        Report.write(dir, name, markdown(r, name + ".png"), json(r), chart(r));
    }

    static String markdown(Run r, String chart) {
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, """
                # Worklist benchmark, %s

                Machine: %s; load average (1, 5, 15 min) %s before the run and %s after it: other builds shared
                the machine. %,d cases over %d offices, inserted in SQL and vacuumed in %.0f s (%s). Each query kind
                was sent %d times to case-service's `GET /cases?officeId=…` (25 cases a page) by one client, each
                after the last was answered, following %d not measured.

                ![p50 and p99 per query kind](%s)

                """, r.at(), r.machine(), r.loadBefore(), r.loadAfter(), r.cases(), r.officeCount(),
                r.loadSeconds(), r.sizes(), r.repeat(), WorklistBench.WARM_UP, chart));
        md.append(table(r));
        md.append("""

                The query kinds: `first page` without filters (open cases), `status` one of five open statuses in
                turn, `assignee` one of the office's clerks in turn, `unassigned`, `overdue`, `case type` each of the
                catalogue's codes in turn, `name prefix` the first four letters of a family name of the list in turn,
                `case ID` a case of the office in turn, `page 50` the page reached by following `nextCursor` 49
                times (or the office's last page if it has fewer). Every answer carries the counts per status under
                the same filters.
                """);
        r.offices().stream().filter(o -> o.deepPage() < 50).forEach(o -> md.append(String.format(Locale.ROOT,
                "%n%s has %d pages only: its row `page 50` is page %d.%n", o.id(), o.deepPage(), o.deepPage())));
        for (Map.Entry<String, String> plan : r.plans().entrySet()) {
            md.append("\n## Plan: ").append(plan.getKey()).append(", ").append(r.offices().get(0).id())
                    .append("\n\n```\n").append(plan.getValue()).append("\n```\n");
        }
        return md.toString();
    }

    /** The latency table: one row per query kind, p50, p99 and max for each office. */
    static String table(Run r) {
        StringBuilder t = new StringBuilder("| query, ms |");
        StringBuilder rule = new StringBuilder("|---|");
        for (Office o : r.offices()) {
            t.append(String.format(Locale.ROOT, " %s (%,d cases): p50 | p99 | max |", o.id(), o.cases()));
            rule.append("---|---|---|");
        }
        t.append('\n').append(rule).append('\n');
        for (String kind : r.offices().get(0).latency().keySet()) {
            t.append("| ").append(kind).append(" |");
            for (Office o : r.offices()) {
                Stats s = o.latency().get(kind);
                t.append(String.format(Locale.ROOT, " %.1f | %.1f | %.1f |", s.p50(), s.p99(), s.max()));
            }
            t.append('\n');
        }
        return t.toString();
    }

    static String json(Run r) {
        String offices = r.offices().stream().map(o -> String.format(Locale.ROOT,
                "    {\"officeId\": \"%s\", \"cases\": %d, \"deepPage\": %d, \"latencyMs\": {%n%s%n    }}", o.id(),
                o.cases(), o.deepPage(),
                o.latency().entrySet().stream().map(e -> "      \"" + e.getKey() + "\": " + Report.json(e.getValue()))
                        .collect(Collectors.joining(",\n"))))
                .collect(Collectors.joining(",\n"));
        return String.format(Locale.ROOT, """
                {
                  "at": "%s",
                  "machine": "%s",
                  "loadAverageBefore": "%s",
                  "loadAverageAfter": "%s",
                  "cases": %d,
                  "offices": %d,
                  "loadSeconds": %.1f,
                  "sizes": "%s",
                  "repeat": %d,
                  "worklist": [
                %s
                  ]
                }
                """, r.at(), r.machine(), r.loadBefore(), r.loadAfter(), r.cases(), r.officeCount(),
                r.loadSeconds(), r.sizes(), r.repeat(), offices);
    }

    /** One panel per office: p50 and p99 of each query kind. */
    static BufferedImage chart(Run r) {
        int width = 1100;
        int panel = 300;
        int height = 60 + panel * r.offices().size();
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Report.canvas(image);
        Font title = new Font(Font.SANS_SERIF, Font.BOLD, 15);
        Font label = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        int y = 0;
        for (Office o : r.offices()) {
            g.setFont(title);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "GET /cases, ms: %s (%,d of %,d cases)", o.id(), o.cases(),
                    r.cases()), 20, y + 30);
            g.setFont(label);
            String[] kinds = o.latency().keySet().toArray(String[]::new);
            double[][] values = { o.latency().values().stream().mapToDouble(Stats::p50).toArray(),
                    o.latency().values().stream().mapToDouble(Stats::p99).toArray() };
            Report.bars(g, 20, y + 40, width - 40, panel - 30, kinds, values, new Color[] { P50, P99 });
            y += panel;
        }
        Report.legend(g, 20, y + 20, P50, "p50");
        Report.legend(g, 80, y + 20, P99, "p99");
        g.setColor(Color.GRAY);
        g.drawString(String.format(Locale.ROOT, "%d requests per kind, one client, %s, load %s → %s, %s",
                r.repeat(), r.machine(), r.loadBefore(), r.loadAfter(), r.at()), 140, y + 20);
        g.dispose();
        return image;
    }
}

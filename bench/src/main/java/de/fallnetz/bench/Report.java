package de.fallnetz.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import javax.imageio.ImageIO;

/** Writes a run as Markdown (for people), JSON (for comparing runs) and a PNG chart. */
final class Report {

    private static final Color KAFKA = new Color(0x2f6f9f);
    private static final Color POSTGRES = new Color(0x3f8f5f);
    private static final Color POST = new Color(0x6f5fa0);
    private static final Color E2E = new Color(0xc0703f);
    private static final Color CPU = new Color(0x9f3f3f);

    private Report() {
    }

    static void write(Result r, Path dir, String name) throws IOException {
        write(dir, name, markdown(r, name + ".png"), json(r), chart(r));
    }

    /** Writes {@code <name>.md}, {@code .json} and {@code .png} into {@code dir}. */
    static void write(Path dir, String name, String markdown, String json, BufferedImage chart) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name + ".md"), markdown);
        Files.writeString(dir.resolve(name + ".json"), json);
        ImageIO.write(chart, "png", dir.resolve(name + ".png").toFile());
    }

    static String markdown(Result r, String chart) {
        return String.format(Locale.ROOT, """
                # Walking skeleton benchmark, %s

                Machine: %s. %d cases opened through the gateway by %d clients at once, each waiting for its answer;
                the load generator, Kafka, PostgreSQL and the %d services share the machine.

                ![share of limits and latencies](%s)

                ## The machine's own limits, measured in this run

                | what | per second |
                |---|---|
                | Kafka: records acknowledged (one producer, acks=all, idempotent, 300-byte values) | %,.0f |
                | PostgreSQL: single-row transactions committed (%d connections) | %,.0f |

                ## The system

                | what | value | share of the limit |
                |---|---|---|
                | cases accepted by the gateway | %,.1f /s | |
                | cases complete on the timeline (all three hops) | %,.1f /s | |
                | Kafka records written by the services | %,.1f /s | %.1f %% of Kafka's |
                | PostgreSQL commits in the service databases | %,.1f /s | %.1f %% of PostgreSQL's |

                | latency, ms, saturated | p50 | p90 | p99 | max |
                |---|---|---|---|---|
                | `POST /api/cases` answered | %.1f | %.1f | %.1f | %.1f |
                | case opened → last hop on its timeline (includes the backlog) | %.1f | %.1f | %.1f | %.1f |

                At half that end-to-end rate, %.1f cases/s offered (%d cases), %.1f cases/s came through:

                | latency, ms, steady | p50 | p90 | p99 | max |
                |---|---|---|---|---|
                | `POST /api/cases` answered | %.1f | %.1f | %.1f | %.1f |
                | case opened → last hop on its timeline | %.1f | %.1f | %.1f | %.1f |

                CPU: the machine was %.0f %% busy while the cases were opened and processed; the services used %.1f ms
                per case together. Beside them: PostgreSQL (all its processes), the bench's JVM in four parts (the
                single Kafka broker's threads, none with three brokers of their own; its JIT compiler threads and
                its GC threads, which serve broker and load generator alike; the rest, the load generator) and the
                rest of the machine (busy time charged to none of them: steal time, interrupts, other processes).

                | CPU, ms per case | %s |
                |---|%s
                | | %s |

                | PostgreSQL commits per case | %s |
                |---|%s
                | | %s |

                %s

                Machine load (1-minute load average) around the saturation run: %s.

                One hop (consume, apply once, write the outbox, relay), as %s does it: %.2f ms of CPU, %.2f
                PostgreSQL commits and 1 Kafka record per case. At the limits measured in this run, this machine could
                carry %,.0f such hops per second on its CPU (%d cores), %,.0f on PostgreSQL's commits and %,.0f on
                Kafka's records: the CPU is the limit by a factor of %.0f.

                | memory, MiB | %s |
                |---|%s
                | resident at the end | %s |
                | peak resident | %s |
                """, r.at(), r.machine(), r.cases(), r.clients(), r.rssMiB().size(), chart, r.kafkaLimit(), r.clients(),
                r.postgresLimit(), r.gatewayCasesPerSecond(), r.endToEndCasesPerSecond(),
                r.kafkaRecordsPerSecond(), 100 * r.kafkaShare(), r.postgresCommitsPerSecond(),
                100 * r.postgresShare(), r.postLatency().p50(), r.postLatency().p90(), r.postLatency().p99(),
                r.postLatency().max(), r.endToEndLatency().p50(), r.endToEndLatency().p90(),
                r.endToEndLatency().p99(), r.endToEndLatency().max(), r.steady().offeredPerSecond(),
                r.steady().cases(), r.steady().endToEndPerSecond(), r.steady().postLatency().p50(),
                r.steady().postLatency().p90(), r.steady().postLatency().p99(), r.steady().postLatency().max(),
                r.steady().endToEndLatency().p50(), r.steady().endToEndLatency().p90(),
                r.steady().endToEndLatency().p99(), r.steady().endToEndLatency().max(), 100 * r.cpuBusy(),
                r.servicesCpuPerCase(),
                String.join(" | ", r.cpuMillisPerCase().keySet()), "---|".repeat(r.cpuMillisPerCase().size()),
                r.cpuMillisPerCase().values().stream().map(v -> String.format(Locale.ROOT, "%.1f", v))
                        .collect(Collectors.joining(" | ")),
                String.join(" | ", r.commitsPerCase().keySet()), "---|".repeat(r.commitsPerCase().size()),
                r.commitsPerCase().values().stream().map(v -> String.format(Locale.ROOT, "%.2f", v))
                        .collect(Collectors.joining(" | ")),
                PostgresStatements.markdown(r.statements(), r.cases(), STATEMENTS).strip(),
                r.loadAverage(), Result.ONE_HOP, hopCpu(r), hopCommits(r), CORES * 1000 / hopCpu(r), CORES,
                r.postgresLimit() / hopCommits(r), r.kafkaLimit(),
                Math.min(r.postgresLimit() / hopCommits(r), r.kafkaLimit()) / (CORES * 1000 / hopCpu(r)),
                String.join(" | ", r.rssMiB().keySet()),
                "---|".repeat(r.rssMiB().size()), joined(r.rssMiB()), joined(r.peakRssMiB()));
    }

    private static final int CORES = Runtime.getRuntime().availableProcessors();

    /** Statements listed in a report, those with most execution time. */
    private static final int STATEMENTS = 15;

    private static double hopCpu(Result r) {
        return r.cpuMillisPerCase().get(Result.ONE_HOP);
    }

    private static double hopCommits(Result r) {
        return r.commitsPerCase().get(Result.ONE_HOP);
    }

    private static String joined(Map<String, Long> values) {
        return values.values().stream().map(String::valueOf).collect(Collectors.joining(" | "));
    }

    static String json(Result r) {
        return String.format(Locale.ROOT, """
                {
                  "at": "%s",
                  "machine": "%s",
                  "cases": %d,
                  "clients": %d,
                  "kafkaLimitRecordsPerSecond": %.1f,
                  "postgresLimitCommitsPerSecond": %.1f,
                  "gatewayCasesPerSecond": %.2f,
                  "endToEndCasesPerSecond": %.2f,
                  "kafkaRecordsPerSecond": %.2f,
                  "kafkaShare": %.4f,
                  "postgresCommitsPerSecond": %.2f,
                  "postgresShare": %.4f,
                  "postLatencyMs": %s,
                  "endToEndLatencyMs": %s,
                  "steady": {"cases": %d, "offeredPerSecond": %.2f, "endToEndPerSecond": %.2f,
                             "postLatencyMs": %s, "endToEndLatencyMs": %s},
                  "cpuBusy": %.4f,
                  "cpuMillisPerCase": %s,
                  "rssMiB": %s,
                  "peakRssMiB": %s,
                  "commitsPerCase": %s,
                  "loadAverage": "%s",
                  "postgresStatements": %s
                }
                """, r.at(), r.machine(), r.cases(), r.clients(), r.kafkaLimit(), r.postgresLimit(),
                r.gatewayCasesPerSecond(), r.endToEndCasesPerSecond(), r.kafkaRecordsPerSecond(), r.kafkaShare(),
                r.postgresCommitsPerSecond(), r.postgresShare(), json(r.postLatency()), json(r.endToEndLatency()),
                r.steady().cases(), r.steady().offeredPerSecond(), r.steady().endToEndPerSecond(),
                json(r.steady().postLatency()), json(r.steady().endToEndLatency()), r.cpuBusy(), json(r.cpuMillisPerCase()), json(r.rssMiB()), json(r.peakRssMiB()),
                json(r.commitsPerCase()), r.loadAverage(), PostgresStatements.json(r.statements(), r.cases(),
                        STATEMENTS));
    }

    static String json(Stats s) {
        return String.format(Locale.ROOT, "{\"p50\": %.2f, \"p90\": %.2f, \"p99\": %.2f, \"max\": %.2f}", s.p50(),
                s.p90(), s.p99(), s.max());
    }

    private static String json(Map<String, ? extends Number> values) {
        return values.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "\"%s\": %s", e.getKey(), e.getValue() instanceof Double d
                        ? String.format(Locale.ROOT, "%.2f", d) : e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    /** Left: the share of each limit the system used. Right: latency percentiles of both measurements. */
    static BufferedImage chart(Result r) {
        int width = 1000;
        int height = 440;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(image);
        Font title = new Font(Font.SANS_SERIF, Font.BOLD, 15);
        Font label = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

        g.setColor(Color.DARK_GRAY);
        g.setFont(title);
        g.drawString(String.format(Locale.ROOT, "Share of this machine's limits used at %.1f cases/s end to end",
                r.endToEndCasesPerSecond()), 20, 30);
        g.setFont(label);
        shareBar(g, 40, 70, "Kafka records/s", r.kafkaShare(), KAFKA,
                String.format(Locale.ROOT, "%,.0f of %,.0f", r.kafkaRecordsPerSecond(), r.kafkaLimit()));
        shareBar(g, 40, 170, "PostgreSQL commits/s", r.postgresShare(), POSTGRES,
                String.format(Locale.ROOT, "%,.0f of %,.0f", r.postgresCommitsPerSecond(), r.postgresLimit()));
        shareBar(g, 40, 270, "CPU (all processes on the machine)", r.cpuBusy(), CPU,
                String.format(Locale.ROOT, "%.0f ms CPU per case", r.cpuMillisPerCase().values().stream()
                        .mapToDouble(Double::doubleValue).sum()));

        g.setFont(title);
        g.setColor(Color.DARK_GRAY);
        g.drawString(String.format(Locale.ROOT, "Latency (ms) at %.1f cases/s, half the capacity",
                r.steady().offeredPerSecond()), 560, 30);
        latencyBars(g, 560, 50, 400, 310, r.steady().postLatency(), r.steady().endToEndLatency());

        g.setFont(label);
        g.setColor(Color.GRAY);
        g.drawString(String.format(Locale.ROOT, "%d cases, %d clients, %s, %s", r.cases(), r.clients(),
                r.machine(), r.at()), 20, height - 15);
        g.dispose();
        return image;
    }

    private static void shareBar(Graphics2D g, int x, int y, String name, double share, Color color, String detail) {
        int barWidth = 440;
        g.setColor(Color.DARK_GRAY);
        g.drawString(name, x, y);
        g.setColor(new Color(0xeeeeee));
        g.fillRect(x, y + 10, barWidth, 36);
        g.setColor(color);
        g.fillRect(x, y + 10, (int) Math.round(Math.min(1, share) * barWidth), 36);
        g.setColor(Color.DARK_GRAY);
        g.drawRect(x, y + 10, barWidth, 36);
        g.drawString(String.format(Locale.ROOT, "%.1f %%   (%s)", 100 * share, detail), x, y + 64);
    }

    static void legend(Graphics2D g, int x, int y, Color color, String text) {
        g.setColor(color);
        g.fillRect(x, y - 10, 12, 12);
        g.setColor(Color.DARK_GRAY);
        g.drawString(text, x + 18, y);
    }

    private static void latencyBars(Graphics2D g, int x, int y, int w, int h, Stats post, Stats e2e) {
        double[][] values = { { post.p50(), post.p90(), post.p99() }, { e2e.p50(), e2e.p90(), e2e.p99() } };
        bars(g, x, y, w, h, new String[] { "p50", "p90", "p99" }, values, new Color[] { POST, E2E });
        legend(g, x, y + h + 2, POST, "POST /api/cases answered");
        legend(g, x, y + h + 20, E2E, "case opened → last hop on its timeline");
    }

    /**
     * Grouped bars on a common scale, each labelled with its value: {@code values[series][group]}, one colour a
     * series, the group names below the baseline.
     */
    static void bars(Graphics2D g, int x, int y, int w, int h, String[] groups, double[][] values, Color[] colors) {
        double top = Arrays.stream(values).flatMapToDouble(Arrays::stream).max().orElse(1) * 1.15;
        int baseline = y + h - 30;
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1));
        g.drawLine(x, baseline, x + w, baseline);
        int group = w / groups.length;
        int bar = Math.min(44, (group - 20) / values.length - 6);
        // Labels wider than their slot go on two rows, every other one lower, so that neighbours do not overlap.
        boolean stagger = Arrays.stream(groups).anyMatch(label -> g.getFontMetrics().stringWidth(label) > group - 4);
        for (int i = 0; i < groups.length; i++) {
            for (int s = 0; s < values.length; s++) {
                int bh = (int) Math.round(values[s][i] / top * (h - 60));
                int bx = x + i * group + 10 + s * (bar + 6);
                g.setColor(colors[s]);
                g.fillRect(bx, baseline - bh, bar, bh);
                g.setColor(Color.DARK_GRAY);
                g.drawString(String.format(Locale.ROOT, values[s][i] < 10 ? "%.1f" : "%.0f", values[s][i]), bx + 2,
                        baseline - bh - 4);
            }
            int labelWidth = g.getFontMetrics().stringWidth(groups[i]);
            int groupCentre = x + i * group + 10 + (values.length * (bar + 6) - 6) / 2;
            g.drawString(groups[i], Math.max(x, groupCentre - labelWidth / 2),
                    baseline + 14 + (stagger && i % 2 == 1 ? 13 : 0));
        }
    }

    /** Paints the image white and returns its graphics, with anti-aliased text and shapes, to draw a chart on. */
    static Graphics2D canvas(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        return g;
    }
}

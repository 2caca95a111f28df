package de.fallnetz.bench;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The figures of one lifecycle run, as markdown (tables), JSON (for comparing runs) and a chart. */
record LifecycleReport(Instant at, String machine, int cases, int clients, double kafkaLimit, double postgresLimit,
        double casesPerSecond, double kafkaRecordsPerSecond, double postgresCommitsPerSecond, Stats clientLatency,
        Stats mailLatency, double cpuBusy, Map<String, Double> cpuMillisPerCase, Map<String, Double> commitsPerCase,
        double recordsPerCase, double hopsPerCase, double mailsPerCase, Map<String, Long> interactionsByKind,
        Map<String, Long> residentMiB, int retried, String loadAverage) {

    private static final Color CPU = new Color(0x9f3f3f);
    private static final Color CLIENT = new Color(0x6f5fa0);
    private static final Color MAIL = new Color(0xc0703f);

    void write(Path dir, String name) throws IOException {
        Report.write(dir, name, markdown(name + ".png"), json(), chart());
    }

    double servicesCpuPerCase() {
        return CpuUsage.servicesOnly(cpuMillisPerCase);
    }

    double cpuPerCase() {
        return cpuMillisPerCase.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    double commitsPerCaseTotal() {
        return commitsPerCase.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    String markdown(String chart) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, """
                # Lifecycle benchmark, %s

                Machine: %s. Load average (1, 5, 15 min): %s. %d cases, each taken through its whole life by one of
                %d clients: opened through the gateway, checklist ticked, every partner the routing plan asked
                answering through its own partner API, decided when ready; complete when the applicant's mail about
                the decision is sent. Load generator, Kafka, PostgreSQL, the mail server and the services share the
                machine.

                ![CPU per case and latencies](%s)

                | | |
                |---|---|
                | Kafka limit, records/s | %,.0f |
                | PostgreSQL limit, commits/s | %,.0f |
                | cases/s completed (first opened → last decision mail sent) | %.1f |
                | Kafka records/s during the run (share of the limit) | %,.0f (%.1f %%) |
                | PostgreSQL commits/s during the run (share of the limit) | %,.0f (%.1f %%) |
                | CPU of the machine busy | %.1f %% |
                | CPU ms per case, all services | %.1f |
                | CPU ms per case, everything on the machine | %.1f |
                | PostgreSQL commits per case (all services) | %.1f |
                | Kafka records per case (all topics) | %.1f |
                | hops per case (events on the case's timeline) | %.1f |
                | mails sent per case | %.1f |
                | calls answered 503 and repeated with the same Idempotency-Key | %d |
                | interactions per case | %s |
                | one client's case, opened → decided answered, ms p50 / p90 / p99 | %.0f / %.0f / %.0f |
                | opened → decision mail sent, ms p50 / p90 / p99 | %.0f / %.0f / %.0f |

                | service | CPU ms per case | PostgreSQL commits per case | resident MiB |
                |---|---|---|---|
                """, at, machine, loadAverage, cases, clients, chart, kafkaLimit, postgresLimit, casesPerSecond,
                kafkaRecordsPerSecond, 100 * kafkaRecordsPerSecond / kafkaLimit, postgresCommitsPerSecond,
                100 * postgresCommitsPerSecond / postgresLimit, 100 * cpuBusy, servicesCpuPerCase(), cpuPerCase(),
                commitsPerCaseTotal(), recordsPerCase, hopsPerCase, mailsPerCase, retried, interactions(), clientLatency.p50(),
                clientLatency.p90(), clientLatency.p99(), mailLatency.p50(), mailLatency.p90(), mailLatency.p99()));
        cpuMillisPerCase.forEach((service, ms) -> md.append(String.format(Locale.ROOT, "| %s | %.2f | %s | %s |%n",
                service, ms, commitsPerCase.containsKey(service)
                        ? String.format(Locale.ROOT, "%.2f", commitsPerCase.get(service)) : "–",
                residentMiB.containsKey(service) ? residentMiB.get(service).toString() : "–")));
        return md.toString();
    }

    private String interactions() {
        return interactionsByKind.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue() / (double) cases))
                .collect(Collectors.joining(", "));
    }

    String json() {
        return String.format(Locale.ROOT, """
                {
                  "at": "%s", "machine": "%s", "loadAverage": "%s", "cases": %d, "clients": %d,
                  "kafkaLimit": %.1f, "postgresLimit": %.1f, "casesPerSecond": %.2f,
                  "kafkaRecordsPerSecond": %.1f, "postgresCommitsPerSecond": %.1f, "cpuBusy": %.4f,
                  "servicesCpuMillisPerCase": %.3f, "cpuMillisPerCase": %s, "commitsPerCase": %s,
                  "recordsPerCase": %.2f, "hopsPerCase": %.2f, "mailsPerCase": %.2f, "retried": %d, "interactionsByKind": %s,
                  "clientLatency": %s, "mailLatency": %s, "residentMiB": %s
                }
                """, at, machine, loadAverage, cases, clients, kafkaLimit, postgresLimit, casesPerSecond,
                kafkaRecordsPerSecond, postgresCommitsPerSecond, cpuBusy, servicesCpuPerCase(),
                map(cpuMillisPerCase), map(commitsPerCase), recordsPerCase, hopsPerCase, mailsPerCase, retried,
                map(interactionsByKind), Report.json(clientLatency), Report.json(mailLatency), map(residentMiB));
    }

    private static String map(Map<String, ? extends Number> values) {
        return values.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "\"%s\": %s", e.getKey(), e.getValue() instanceof Double d
                        ? String.format(Locale.ROOT, "%.3f", d) : e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    /** Left: CPU ms per case of each service. Right: the latencies. */
    BufferedImage chart() {
        int width = 1200;
        int height = 460;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Report.canvas(image);
        Font title = new Font(Font.SANS_SERIF, Font.BOLD, 15);
        Font label = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
        g.setColor(Color.DARK_GRAY);
        g.setFont(title);
        g.drawString(String.format(Locale.ROOT, "CPU ms per case at %.1f cases/s completed (%.1f ms all services)",
                casesPerSecond, servicesCpuPerCase()), 20, 30);
        g.setFont(label);
        String[] names = cpuMillisPerCase.keySet().stream().map(n -> n.replace("-service", "")
                .replace("bench JVM's ", "bench ").replace(CpuUsage.REST, "rest")).toArray(String[]::new);
        double[][] cpu = { cpuMillisPerCase.values().stream().mapToDouble(Double::doubleValue).toArray() };
        Report.bars(g, 20, 50, 760, 360, names, cpu, new Color[] { CPU });

        g.setFont(title);
        g.setColor(Color.DARK_GRAY);
        g.drawString("Latency (ms)", 820, 30);
        g.setFont(label);
        double[][] latency = { { clientLatency.p50(), clientLatency.p90(), clientLatency.p99() },
                { mailLatency.p50(), mailLatency.p90(), mailLatency.p99() } };
        Report.bars(g, 820, 50, 360, 330, new String[] { "p50", "p90", "p99" }, latency,
                new Color[] { CLIENT, MAIL });
        Report.legend(g, 820, 400, CLIENT, "opened → decision answered (client)");
        Report.legend(g, 820, 418, MAIL, "opened → decision mail sent");

        g.setColor(Color.GRAY);
        g.drawString(String.format(Locale.ROOT, "%d cases, %d clients, %s, load %s, %s", cases, clients, machine,
                loadAverage, at), 20, height - 12);
        g.dispose();
        return image;
    }
}

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
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The chaos run's report: markdown, JSON and a chart of cases accepted and completed per second with the faults. */
record ChaosReport(Instant at, String machine, int cases, double rate, int brokers, long runStartMillis,
        ChaosLoad load, ChaosCheck check, List<ChaosRun.ChaosFault> faults, String loadAverage) {

    private static final Color ACCEPTED = new Color(0x6f5fa0);
    private static final Color COMPLETED = new Color(0xc0703f);
    private static final Color FAULT = new Color(0xf3d9d9);

    void write(Path dir, String name) throws IOException {
        Report.write(dir, name, markdown(name + ".png"), json(), chart());
    }

    /** Seconds from a fault's start until the first case opened after it was complete again; -1 if none was. */
    double recoverySeconds(ChaosRun.ChaosFault f) {
        return check.times.values().stream().filter(t -> t[0] >= f.startMillis() && t[1] > 0)
                .mapToLong(t -> t[1]).min().stream().mapToDouble(done -> (done - f.startMillis()) / 1000.0)
                .findFirst().orElse(-1);
    }

    boolean passed() {
        return check.incomplete == 0 && check.casesWithDoubledEffects == 0 && check.keysWithTwoCases == 0
                && check.casesInDatabase == check.accepted && check.orderViolations == 0
                && check.outboxUnsent.values().stream().allMatch(n -> n == 0) && load.gaveUp.get() == 0
                && check.accepted == load.offered.get() && check.deadLetters == 0 && serverErrors() == 0;
    }

    /** Answers 500-599 other than 503: a fault must give 503 with Retry-After, never a server error. */
    long serverErrors() {
        return load.answers.entrySet().stream().filter(e -> e.getKey() >= 500 && e.getKey() != 503)
                .mapToLong(e -> e.getValue().sum()).sum();
    }

    String markdown(String chart) {
        StringBuilder md = new StringBuilder();
        md.append("# Chaos run ").append(at).append(passed() ? ": nothing lost, nothing doubled\n\n"
                : ": FAILED, see below\n\n");
        md.append(String.format(Locale.ROOT, "%d cases offered at %.0f/s through the gateway (at least %d, on until the "
                + "last fault was over), Kafka with %d broker%s, %s, load average at the end %s.%n%n",
                load.offered.get(), rate, cases, brokers, brokers > 1 ? "s" : "", machine, loadAverage));
        md.append("![chart](").append(chart).append(")\n\n");
        md.append("| check | result |\n|---|---|\n");
        row(md, "cases accepted (201 or the same case on a retry)", check.accepted + " of " + load.offered.get());
        row(md, "cases the client gave up on (10 min of retries) / refused with 4xx", load.gaveUp.get() + " / "
                + load.rejected.get());
        row(md, "cases in case-service's database (a second case per idempotency key would show here)",
                String.valueOf(check.casesInDatabase));
        row(md, "idempotency keys answered with two different cases", String.valueOf(check.keysWithTwoCases));
        row(md, "events per case before any fault", check.baseline.values().stream().mapToInt(Integer::intValue)
                .sum() + " (" + check.baseline + ")");
        row(md, "accepted cases with every event", String.valueOf(check.complete));
        row(md, "accepted cases with an event missing (lost)", String.valueOf(check.casesWithLostEvents));
        row(md, "accepted cases with an effect doubled (more distinct events of a type than before any fault)",
                String.valueOf(check.casesWithDoubledEffects));
        row(md, "records read from the event topics / resent with an event ID seen before (ignored by the inboxes)",
                check.records + " / " + check.resentRecords);
        row(md, "per-case order broken (a later record of the same case and source that happened earlier)",
                String.valueOf(check.orderViolations));
        row(md, "records on the dead-letter topic", String.valueOf(check.deadLetters));
        row(md, "outbox rows never sent, per service", check.outboxUnsent.entrySet().stream()
                .filter(e -> e.getValue() != 0).map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ", "", "")).isEmpty() ? "0 in every service"
                        : check.outboxUnsent.toString());
        row(md, "gateway answers by status (0 = timeout or refused connection)", load.answers.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue().sum()).collect(Collectors.joining(", ")));
        row(md, "503 answers with Retry-After / requests retried with the same key", load.retryAfterGiven.sum()
                + " / " + load.retried.sum());
        if (!check.examples.isEmpty()) {
            row(md, "examples", String.join("; ", check.examples));
        }
        md.append("\n## Faults\n\n");
        md.append("Recovery: from the fault's start until the first case opened after it had crossed every hop. "
                + "Readiness: whether case-service's `/q/health/ready` was DOWN during the fault or within 5 s after.\n\n");
        md.append("| fault | at (s) | lasted (s) | recovery (s) | readiness DOWN | gateway answers other than 2xx |\n");
        md.append("|---|---:|---:|---:|---|---:|\n");
        for (ChaosRun.ChaosFault f : faults) {
            double recovery = recoverySeconds(f);
            md.append(String.format(Locale.ROOT, "| %s | %.0f | %.1f | %s | %s | %d |%n", f.name(),
                    (f.startMillis() - runStartMillis) / 1000.0, (f.endMillis() - f.startMillis()) / 1000.0,
                    recovery < 0 ? "never" : String.format(Locale.ROOT, "%.1f", recovery),
                    f.readinessDown() ? "yes" : "no", f.refusedAnswers()));
        }
        if (faults.stream().noneMatch(f -> f.name().contains("partition"))) {
            md.append("\nNot injected here: the network partition of one broker (3 brokers in network namespaces, "
                    + "needs root and `ip netns`); see bench/README.md.\n");
        }
        return md.toString();
    }

    private static void row(StringBuilder md, String check, String result) {
        md.append("| ").append(check).append(" | ").append(result).append(" |\n");
    }

    String json() {
        StringBuilder j = new StringBuilder("{\n");
        j.append(String.format(Locale.ROOT, "  \"at\": \"%s\", \"offered\": %d, \"rate\": %.1f, \"brokers\": %d,%n",
                at, load.offered.get(), rate, brokers));
        j.append(String.format(Locale.ROOT, "  \"passed\": %s, \"accepted\": %d, \"casesInDatabase\": %d, "
                + "\"complete\": %d, \"lost\": %d, \"doubled\": %d, \"orderViolations\": %d, \"resentRecords\": %d, "
                + "\"deadLetters\": %d, \"gaveUp\": %d,%n", passed(), check.accepted, check.casesInDatabase,
                check.complete, check.casesWithLostEvents, check.casesWithDoubledEffects, check.orderViolations,
                check.resentRecords, check.deadLetters, load.gaveUp.get()));
        j.append("  \"faults\": [\n");
        for (int i = 0; i < faults.size(); i++) {
            ChaosRun.ChaosFault f = faults.get(i);
            j.append(String.format(Locale.ROOT, "    {\"name\": \"%s\", \"atSeconds\": %.1f, \"lastedSeconds\": %.1f, "
                    + "\"recoverySeconds\": %.1f, \"readinessDown\": %s}%s%n", f.name(),
                    (f.startMillis() - runStartMillis) / 1000.0, (f.endMillis() - f.startMillis()) / 1000.0,
                    recoverySeconds(f), f.readinessDown(), i < faults.size() - 1 ? "," : ""));
        }
        j.append("  ]\n}\n");
        return j.toString();
    }

    BufferedImage chart() {
        int width = 1100;
        int height = 460;
        int left = 60;
        int top = 50;
        int plotW = width - left - 30;
        int plotH = 300;
        Map<Integer, Integer> completed = new TreeMap<>();
        check.times.values().stream().filter(t -> t[1] > 0)
                .forEach(t -> completed.merge((int) ((t[1] - runStartMillis) / 1000), 1, Integer::sum));
        Map<Integer, Integer> accepted = new TreeMap<>();
        load.acceptedPerSecond.forEach((s, n) -> accepted.put(s, (int) n.sum()));
        long lastFault = faults.stream().mapToLong(f -> (f.endMillis() - runStartMillis) / 1000).max().orElse(0);
        int seconds = (int) Math.max(1, Math.max(lastFault, Math.max(last(completed), last(accepted))) + 1);
        int max = Math.max(1, Math.max(completed.values().stream().mapToInt(i -> i).max().orElse(1),
                accepted.values().stream().mapToInt(i -> i).max().orElse(1)));

        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Report.canvas(image);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.setColor(Color.DARK_GRAY);
        g.drawString("Cases per second during the chaos run (shaded: a fault in progress)", 20, 28);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int i = 0; i < faults.size(); i++) {
            ChaosRun.ChaosFault f = faults.get(i);
            int x0 = left + (int) ((f.startMillis() - runStartMillis) / 1000.0 / seconds * plotW);
            int x1 = left + (int) ((f.endMillis() - runStartMillis) / 1000.0 / seconds * plotW);
            g.setColor(FAULT);
            g.fillRect(x0, top, Math.max(2, x1 - x0), plotH);
            g.setColor(Color.GRAY);
            g.drawString(String.valueOf(i + 1), x0 + 1, top + 12 + (i % 3) * 12);
        }
        series(g, accepted, seconds, max, left, top, plotW, plotH, ACCEPTED);
        series(g, completed, seconds, max, left, top, plotW, plotH, COMPLETED);
        g.setColor(Color.DARK_GRAY);
        g.drawRect(left, top, plotW, plotH);
        g.drawString("0", left - 15, top + plotH);
        g.drawString(String.valueOf(max), left - 30, top + 10);
        g.drawString(seconds + " s", left + plotW - 30, top + plotH + 15);
        Report.legend(g, left, top + plotH + 40, ACCEPTED, "accepted by the gateway");
        Report.legend(g, left + 220, top + plotH + 40, COMPLETED, "complete (every hop)");
        g.setColor(Color.GRAY);
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < faults.size(); i++) {
            names.append(i + 1).append(' ').append(faults.get(i).name().replace("kill -9 ", "k ")).append("  ");
        }
        String all = names.toString();
        g.drawString(all.length() > 190 ? all.substring(0, 190) : all, 20, height - 40);
        if (all.length() > 190) {
            g.drawString(all.substring(190, Math.min(all.length(), 380)), 20, height - 25);
        }
        g.drawString(String.format(Locale.ROOT, "%d cases at %.0f/s, %d broker(s), %s, %s", load.offered.get(), rate,
                brokers, machine, at), 20, height - 8);
        g.dispose();
        return image;
    }

    private static int last(Map<Integer, Integer> m) {
        return m.isEmpty() ? 0 : ((TreeMap<Integer, Integer>) m).lastKey();
    }

    private static void series(Graphics2D g, Map<Integer, Integer> values, int seconds, int max, int left, int top,
            int w, int h, Color color) {
        g.setColor(color);
        int px = -1;
        int py = -1;
        for (int s = 0; s < seconds; s++) {
            int x = left + (int) ((double) s / seconds * w);
            int y = top + h - (int) ((double) values.getOrDefault(s, 0) / max * h);
            if (px >= 0) {
                g.drawLine(px, py, x, y);
            }
            px = x;
            py = y;
        }
    }
}

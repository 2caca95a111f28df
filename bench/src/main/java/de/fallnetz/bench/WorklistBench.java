package de.fallnetz.bench;

import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import de.fallnetz.devstack.DevStack;
import de.fallnetz.devstack.FallnetzService;
import de.fallnetz.devstack.StackEndpoints;

/**
 * Loads a million generated cases into case-service's database and measures the clerks' worklist
 * ({@code GET /cases?officeId=…}) through case-service's HTTP API, for the biggest office and a typical small one.
 * Started by {@code bench/worklist}; see {@code bench/README.md}.
 */
public final class WorklistBench {

    private static final Pattern NEXT_CURSOR = Pattern.compile("\"nextCursor\"\\s*:\\s*\"([^\"]+)\"");
    private static final List<String> OPEN_STATUSES = List.of("RECEIVED", "COMPLETENESS_CHECK", "DOCUMENTS_REQUESTED",
            "CONSULTATIONS_RUNNING", "READY_FOR_DECISION");
    private static final int PAGE = 50;
    static final int WARM_UP = 20;

    /**
     * The statements {@code Worklist.query} sends for an office's first page and its counts per status, with the
     * office as a literal: kept equal to case-service's {@code Worklist.java} by hand.
     */
    private static final String FIRST_PAGE_SQL = """
            select id, case_type, office_id, status, family_name, given_names, assignee, opened_at, next_deadline_at, \
            coalesce(next_deadline_at, 'infinity') < now() from fallnetz_case \
            where office_id = '%s' and status not in ('CLOSED', 'WITHDRAWN') \
            order by coalesce(next_deadline_at, 'infinity'), id limit 26""";
    private static final String COUNTS_SQL = """
            select status, count(*) from fallnetz_case where office_id = '%s' \
            and status not in ('CLOSED', 'WITHDRAWN') group by status order by status""";

    private final PrintStream out = System.out;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Path root;
    private final int cases;
    private final int repeat;
    private final boolean hold;

    /** {@code --cases N --repeat R --hold}, see {@code bench/worklist}. */
    private WorklistBench(String[] args) {
        root = Path.of(System.getProperty("fallnetz.root", ".")).toAbsolutePath().normalize();
        cases = BenchSupport.intArg(args, "--cases", 1_000_000);
        repeat = BenchSupport.intArg(args, "--repeat", 200);
        hold = Arrays.asList(args).contains("--hold");
    }

    public static void main(String[] args) throws Exception {
        Logger.getLogger("").setLevel(Level.SEVERE);
        new WorklistBench(args).run();
        System.exit(0);
    }

    private void run() throws Exception {
        String loadBefore = BenchSupport.loadAverage();
        Path data = Files.createTempDirectory("fallnetz-bench");
        BenchSupport.step(out, "stack", "Starting Kafka and PostgreSQL with empty data in " + data);
        try (DevStack stack = DevStack.start(data, 0, 0, 0)) {
            StackEndpoints endpoints = stack.endpoints();

            BenchSupport.step(out, "service",
                    "Starting case-service, which migrates its schema (log in bench/target/logs/)");
            // Closed before the stack: the services stop while Kafka and PostgreSQL are still there.
            try (Fleet fleet = Fleet.start(root, endpoints, List.of(FallnetzService.CASE_SERVICE), out)) {
                String caseService = fleet.get(FallnetzService.CASE_SERVICE).baseUrl();

                BenchSupport.step(out, "load",
                        String.format(Locale.ROOT, "%,d cases in SQL, then VACUUM ANALYZE", cases));
                long t0 = System.nanoTime();
                WorklistData.load(endpoints, root, cases, new Progress(out, "cases inserted"));
                double loadSeconds = (System.nanoTime() - t0) / 1e9;
                Map<String, Long> perOffice = WorklistData.casesPerOffice(endpoints);
                List<String> bySize = new ArrayList<>(perOffice.keySet());
                String big = bySize.get(0);
                String small = bySize.get(bySize.size() / 2);
                out.printf(Locale.ROOT, "      %.0f s; %s has %,d cases, the median office %s %,d; %s%n", loadSeconds,
                        big, perOffice.get(big), small, perOffice.get(small), sizes(endpoints));

                List<WorklistReport.Office> offices = new ArrayList<>();
                for (String office : List.of(big, small)) {
                    BenchSupport.step(out, "measure", String.format(Locale.ROOT,
                            "%s: each query kind %d times after %d not measured", office, repeat, WARM_UP));
                    offices.add(measure(caseService, endpoints, office, perOffice.get(office)));
                }
                BenchSupport.step(out, "explain",
                        "EXPLAIN (ANALYZE, BUFFERS) of the first page and the counts for " + big);
                Map<String, String> plans = new LinkedHashMap<>();
                plans.put("first page", explain(endpoints, FIRST_PAGE_SQL.formatted(big)));
                plans.put("counts per status", explain(endpoints, COUNTS_SQL.formatted(big)));
                String loadAfter = BenchSupport.loadAverage();

                WorklistReport.Run result = new WorklistReport.Run(Instant.now().truncatedTo(ChronoUnit.SECONDS),
                        BenchSupport.machine(), cases, perOffice.size(), loadSeconds, sizes(endpoints), repeat,
                        loadBefore, loadAfter, offices, plans);
                String name = BenchSupport.resultName("worklist", result.at());
                Path dir = root.resolve("bench/results");
                WorklistReport.write(result, dir, name);
                out.println();
                out.print(WorklistReport.table(result));
                out.println();
                out.println("Report: " + root.relativize(dir.resolve(name + ".md")) + " (chart " + name + ".png, data "
                        + name + ".json)");
                if (hold) {
                    out.printf("Holding the stack for a look: psql -h 127.0.0.1 -p %d -U case_service case_service "
                            + "(password case_service). Press Enter to stop.%n", endpoints.postgresPort());
                    System.in.read();
                }
            }
        } finally {
            DevStack.deleteQuietly(data);
        }
    }

    /** Each query kind against one office, as a clerk's browser would send it through the gateway. */
    private WorklistReport.Office measure(String baseUrl, StackEndpoints stack, String office, long cases)
            throws Exception {
        String base = baseUrl + "/cases?officeId=" + office;
        List<String> clerks = WorklistData.sample(stack, office, "assignee", 50);
        List<String> ids = WorklistData.sample(stack, office, "id", 200);
        List<String> prefixes = WorklistData.FAMILY_NAMES.stream()
                .map(n -> n.substring(0, Math.min(4, n.length()))).toList();
        DeepPage deep = follow(base, PAGE);

        Map<String, IntFunction<String>> kinds = new LinkedHashMap<>();
        kinds.put("first page", i -> base);
        kinds.put("status", i -> base + "&status=" + OPEN_STATUSES.get(i % OPEN_STATUSES.size()));
        kinds.put("assignee", i -> base + "&assignee=" + clerks.get(i % clerks.size()));
        kinds.put("unassigned", i -> base + "&unassigned=true");
        kinds.put("overdue", i -> base + "&overdue=true");
        kinds.put("case type", i -> base + "&caseType=" + WorklistData.CASE_TYPES.get(i % WorklistData.CASE_TYPES
                .size()));
        kinds.put("name prefix", i -> base + "&q=" + prefixes.get(i % prefixes.size()));
        kinds.put("case ID", i -> base + "&q=" + ids.get(i % ids.size()));
        kinds.put("page " + PAGE, i -> base + "&after=" + URLEncoder.encode(deep.cursor(), StandardCharsets.UTF_8));

        Map<String, Stats> stats = new LinkedHashMap<>();
        Progress progress = new Progress(out, "requests");
        int total = kinds.size() * (WARM_UP + repeat);
        int done = 0;
        for (Map.Entry<String, IntFunction<String>> kind : kinds.entrySet()) {
            for (int i = 0; i < WARM_UP; i++) {
                get(kind.getValue().apply(i));
                progress.update(++done, total);
            }
            long[] nanos = new long[repeat];
            for (int i = 0; i < repeat; i++) {
                String url = kind.getValue().apply(i);
                long t0 = System.nanoTime();
                get(url);
                nanos[i] = System.nanoTime() - t0;
                progress.update(++done, total);
            }
            stats.put(kind.getKey(), Stats.ofNanos(nanos));
        }
        return new WorklistReport.Office(office, cases, deep.page(), stats);
    }

    /** A page reached by following the cursors from the first, and the cursor that opens it. */
    private record DeepPage(int page, String cursor) {
    }

    /** Follows the cursors from the first page to {@code page}, or to the last page if there are fewer. */
    private DeepPage follow(String base, int page) throws Exception {
        String after = null;
        int p = 1;
        for (; p < page; p++) {
            String body = get(after == null ? base : base + "&after=" + URLEncoder.encode(after,
                    StandardCharsets.UTF_8));
            Matcher m = NEXT_CURSOR.matcher(body);
            if (!m.find()) {
                break;
            }
            after = m.group(1);
        }
        if (after == null) {
            throw new IllegalStateException("the worklist has one page only: " + base);
        }
        return new DeepPage(p, after);
    }

    private String get(String url) throws Exception {
        // As the gateway forwards a team lead of the office the worklist belongs to (the internal token).
        java.util.regex.Matcher office = java.util.regex.Pattern.compile("officeId=([a-z0-9-]+)").matcher(url);
        String token = de.fallnetz.devstack.PartnerTokens.shared().mintUser("bench", List.of("team-lead"),
                office.find() ? office.group(1) : null);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    private static String explain(StackEndpoints stack, String sql) throws Exception {
        try (Connection c = BenchSupport.caseDb(stack); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("explain (analyze, buffers) " + sql)) {
            List<String> lines = new ArrayList<>();
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
            return sql + "\n\n" + String.join("\n", lines);
        }
    }

    /** The size of the case table and of its indexes. */
    private static String sizes(StackEndpoints stack) throws Exception {
        try (Connection c = BenchSupport.caseDb(stack); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select pg_size_pretty(pg_table_size('fallnetz_case')), "
                        + "pg_size_pretty(pg_indexes_size('fallnetz_case'))")) {
            rs.next();
            return "table " + rs.getString(1) + ", indexes " + rs.getString(2);
        }
    }
}

package de.fallnetz.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import de.fallnetz.devstack.StackEndpoints;

/**
 * What PostgreSQL spends its time on during a run, statement by statement, from {@code pg_stat_statements} (which
 * bench/run's PostgreSQL loads): the figures behind the "PostgreSQL" CPU column of the reports.
 */
final class PostgresStatements {

    /** One normalized statement of one database over the measured interval. */
    record Measured(String database, String query, long calls, double totalMillis) {
    }

    private PostgresStatements() {
    }

    /** Forgets what was counted so far (start-up, warm-up, the limits), so that the next read covers one interval. */
    static void reset(StackEndpoints stack) throws SQLException {
        try (Connection c = Baselines.admin(stack); Statement s = c.createStatement()) {
            s.execute("create extension if not exists pg_stat_statements");
            s.execute("select pg_stat_statements_reset()");
        }
    }

    /** Every statement of the service databases counted since {@link #reset}, most execution time first. */
    static List<Measured> read(StackEndpoints stack) throws SQLException {
        List<Measured> all = new ArrayList<>();
        try (Connection c = Baselines.admin(stack); PreparedStatement ps = c.prepareStatement("""
                select d.datname, s.query, s.calls, s.total_exec_time
                from pg_stat_statements s join pg_database d on d.oid = s.dbid
                where d.datname <> 'postgres'
                order by s.total_exec_time desc""")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.add(new Measured(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getDouble(4)));
                }
            }
        }
        return all;
    }

    /** Markdown: the {@code limit} statements with most execution time, per case of the run. */
    static String markdown(List<Measured> statements, int cases, int limit) {
        double total = statements.stream().mapToDouble(Measured::totalMillis).sum();
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, """
                PostgreSQL's statements (`pg_stat_statements`: execution time inside the server, wall clock, so on a
                busy machine it includes waiting for a CPU or a lock; without the commits' WAL flushes): %.2f ms per
                case in %.1f statements per case over all service databases; the %d with most time:

                | database | calls per case | ms per call | ms per case | statement |
                |---|---|---|---|---|
                """, total / cases, statements.stream().mapToLong(Measured::calls).sum() / (double) cases,
                Math.min(limit, statements.size())));
        statements.stream().limit(limit).forEach(s -> md.append(String.format(Locale.ROOT,
                "| %s | %.2f | %.3f | %.3f | `%s` |%n", s.database(), s.calls() / (double) cases,
                s.calls() == 0 ? 0 : s.totalMillis() / s.calls(), s.totalMillis() / cases, shortened(s.query()))));
        return md.toString();
    }

    /** JSON: the same statements with their whole normalized text. */
    static String json(List<Measured> statements, int cases, int limit) {
        return statements.stream().limit(limit).map(s -> String.format(Locale.ROOT,
                "{\"database\": \"%s\", \"callsPerCase\": %.3f, \"millisPerCase\": %.4f, \"query\": \"%s\"}",
                jsonText(s.database()), s.calls() / (double) cases, s.totalMillis() / cases, jsonText(s.query())))
                .collect(Collectors.joining(",\n    ", "[\n    ", "\n  ]"));
    }

    private static String jsonText(String text) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(text));
    }

    /** One line, at most 110 characters, safe inside a Markdown table cell and code span. */
    private static String shortened(String query) {
        String line = query.replaceAll("\\s+", " ").replace("|", "\\|").replace("`", "'").strip();
        return line.length() <= 110 ? line : line.substring(0, 107) + "...";
    }
}

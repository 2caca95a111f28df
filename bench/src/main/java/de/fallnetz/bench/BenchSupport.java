package de.fallnetz.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import de.fallnetz.devstack.FallnetzService;
import de.fallnetz.devstack.ServiceProcess;
import de.fallnetz.devstack.StackEndpoints;

/** What every benchmark needs around its measurement: arguments, the machine, the services, the result's name. */
final class BenchSupport {

    private BenchSupport() {
    }

    static Connection caseDb(StackEndpoints stack) throws SQLException {
        String db = FallnetzService.CASE_SERVICE.database();
        return DriverManager.getConnection(stack.jdbcUrl(db), db, db);
    }

    /** The name of a run's result files: {@code <prefix>-<UTC time>}. */
    static String resultName(String prefix, Instant at) {
        return prefix + "-" + DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm").format(at.atOffset(ZoneOffset.UTC));
    }

    /** Cores, memory, Java, and the JVM options a run added to every service's, which make it another experiment. */
    static String machine() {
        String machine = Runtime.getRuntime().availableProcessors() + " cores, "
                + Math.round(totalMemoryGiB()) + " GiB, Java " + System.getProperty("java.version");
        String extra = System.getenv(ServiceProcess.EXTRA_JVM_OPTIONS);
        // The reports' JSON carries this text as it is: no quotes, backslashes or line breaks in it.
        return extra == null || extra.isBlank() ? machine
                : machine + ", services' JVM options added: "
                        + extra.strip().replaceAll("\\s+", " ").replaceAll("[\"\\\\]", "");
    }

    private static double totalMemoryGiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0;
                }
            }
        } catch (IOException e) {
            // Reported as 0 below.
        }
        return 0;
    }

    /** The load averages over 1, 5 and 15 minutes, as {@code uptime} shows them: other work on the machine. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + ", " + f[1] + ", " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }

    static void step(PrintStream out, String phase, String what) {
        out.println("[" + phase + "] " + what);
    }

    /**
     * Runs {@code polls} (queries that wait for something to happen) in one read-committed transaction that is rolled
     * back: each poll still sees what was committed before it, and PostgreSQL counts none of them as a commit of the
     * database polled, whose commits the bench reports for its service.
     */
    static <T> T uncommitted(Connection c, java.util.concurrent.Callable<T> polls) throws Exception {
        c.setAutoCommit(false);
        try {
            return polls.call();
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }
}

package de.fallnetz.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server, run from the binaries that zonky ships as Maven artifacts. Each service gets a database
 * and a login role of its own, so no service can read another's tables.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    /**
     * PostgreSQL's {@code max_connections}: the pools of all services (services.yaml: pool x instances) plus
     * {@link #RESERVED_CONNECTIONS} must fit (ConnectionBudgetTest).
     */
    public static final int MAX_CONNECTIONS = 300;

    /**
     * Kept free of the services' pools: superuser slots (3), the test and bench clients, the launcher, an operator's
     * psql, one more instance a test starts beside the running one.
     */
    public static final int RESERVED_CONNECTIONS = 40;

    private final EmbeddedPostgres postgres;
    private final Path dataDir;
    private final boolean statementStatistics;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDir, boolean statementStatistics) {
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.statementStatistics = statementStatistics;
    }

    /**
     * Starts the server; with {@code statementStatistics} it loads {@code pg_stat_statements} (for operators and
     * bench/run: an extension in each database reads them), which the tests' servers go without, as every statement
     * then pays for its bookkeeping.
     */
    public static EmbeddedPostgresServer start(Path dataDir, int port, boolean statementStatistics)
            throws IOException {
        Files.createDirectories(dataDir);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", String.valueOf(MAX_CONNECTIONS))
                .setServerConfig("listen_addresses", "127.0.0.1")
                // zonky turns this off for speed; a commit must survive the server being killed, as in production.
                .setServerConfig("synchronous_commit", "on");
        if (statementStatistics) {
            builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
        }
        return new EmbeddedPostgresServer(builder.start(), dataDir, statementStatistics);
    }

    /**
     * Starts the server again on the data and port of one that was {@link #kill() killed}: PostgreSQL recovers from
     * its write-ahead log. Retried for a while, because the killed server's backends may still hold its shared memory
     * for a moment.
     */
    public EmbeddedPostgresServer restart() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                return start(dataDir, port(), statementStatistics);
            } catch (IOException | RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }

    /**
     * SIGKILL of the postmaster, as a crash or the out-of-memory killer would do it; its backends end on their own,
     * the data stay. Start it again with {@link #restart()}.
     */
    public void kill() throws IOException, InterruptedException {
        ProcessHandle.of(pid()).ifPresent(p -> {
            java.util.List<ProcessHandle> backends = p.children().toList();
            p.destroyForcibly();
            p.onExit().join();
            backends.forEach(b -> b.onExit().join());
        });
        // Releases zonky's lock on the data directory. Its "pg_ctl stop" finds nothing to stop and logs that as an
        // error with a stack trace, which here is expected: silenced for this one call.
        java.util.logging.Logger zonky = java.util.logging.Logger.getLogger(EmbeddedPostgres.class.getName());
        java.util.logging.Level level = zonky.getLevel();
        zonky.setLevel(java.util.logging.Level.OFF);
        try {
            postgres.close();
        } finally {
            zonky.setLevel(level);
        }
    }

    /** Process ID of the postmaster, from its {@code postmaster.pid}; its backends are its child processes. */
    public long pid() throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
    }

    public int port() {
        return postgres.getPort();
    }

    /** Creates the role and database of a service unless they exist; the password equals the role name (local only). */
    public void ensureDatabase(String name) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            if (!exists(c, "select 1 from pg_roles where rolname = ?", name)) {
                s.execute("create role " + name + " login password '" + name + "'");
            }
            if (!exists(c, "select 1 from pg_database where datname = ?", name)) {
                s.execute("create database " + name + " owner " + name);
            }
        }
    }

    private static boolean exists(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}

package de.fallnetz.platform.rest;

import java.sql.SQLException;

/**
 * Recognises a failure that only says the database cannot serve the request right now (server down or restarting,
 * no connection free in time, a table locked for longer than the statement may wait), as opposed to a failure of the
 * request itself.
 */
public final class DatabaseUnavailable {

    /** What a client is told to wait: about the time PostgreSQL needs to restart and recover. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private DatabaseUnavailable() {
    }

    /** True if anything in the cause chain is such a failure. */
    public static boolean causes(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && unavailable(sql)) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQLSTATE class 08 (connection exception), 57P01–57P03 (server shut down, crashed or starting up), 55P03 and
     * 57014 (a lock or statement timeout: a table held by a long migration or an operator's lock, which passes), or
     * the connection pool giving up waiting for a connection.
     */
    private static boolean unavailable(SQLException e) {
        String state = e.getSQLState();
        if (state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03") || state.equals("55P03") || state.equals("57014"))) {
            return true;
        }
        String message = e.getMessage();
        return message != null && message.startsWith("Acquisition timeout");
    }

    /** The exception's class and SQLSTATE only: its message may carry row contents. */
    static String summary(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql.getClass().getSimpleName() + " SQLSTATE " + sql.getSQLState();
            }
        }
        return e.getClass().getSimpleName();
    }
}

package de.fallnetz.devstack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Direct SQL on a service's database in the shared test stack, as the service's own role. */
public final class DatabaseTestClient {

    private final StackEndpoints stack;
    private final FallnetzService service;

    public DatabaseTestClient(StackEndpoints stack, FallnetzService service) {
        this.stack = stack;
        this.service = service;
    }

    public static DatabaseTestClient onSharedStack(FallnetzService service) {
        return new DatabaseTestClient(SharedStack.endpoints(), service);
    }

    /** The number of rows, optionally filtered by a trusted SQL condition. */
    public long count(String table, String where) {
        return queryLong("select count(*) from " + table + (where == null ? "" : " where " + where));
    }

    public long count(String table) {
        return count(table, null);
    }

    public long queryLong(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The first column of every row, as text. */
    public List<String> queryStrings(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public int update(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            return s.executeUpdate(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** A connection of its own, for a test that holds locks or a transaction open; the caller closes it. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(stack.jdbcUrl(service.database()), service.database(), service.database());
    }
}

package de.fallnetz.platform.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;

class DatabaseUnavailableTest {

    @Test
    void shouldTakeARefusedConnectionDeepInTheCauseChainForAnUnavailableDatabase() {
        Exception e = new IllegalStateException("persist failed",
                new RuntimeException(new SQLException("Connection to 127.0.0.1:15432 refused.", "08001")));
        assertThat(DatabaseUnavailable.causes(e)).isTrue();
    }

    @Test
    void shouldTakeAServerShuttingDownOrRecoveringForAnUnavailableDatabase() {
        assertThat(DatabaseUnavailable.causes(new SQLException("terminating connection", "57P01"))).isTrue();
        assertThat(DatabaseUnavailable.causes(new SQLException("the database system is starting up", "57P03")))
                .isTrue();
    }

    @Test
    void shouldTakeAPoolThatWaitedInVainForAConnectionForAnUnavailableDatabase() {
        assertThat(DatabaseUnavailable.causes(new SQLTransientConnectionException(
                "Acquisition timeout while waiting for new connection"))).isTrue();
    }

    @Test
    void shouldTakeALockOrStatementTimeoutForADatabaseThatCannotServeTheRequestForNow() {
        // The chaos run's 70 s lock on case-service's timeline answered 500 to new cases until this was recognised.
        Exception e = new IllegalStateException("Could not add event",
                new SQLException("canceling statement due to lock timeout", "55P03"));
        assertThat(DatabaseUnavailable.causes(e)).isTrue();
        assertThat(DatabaseUnavailable.causes(new SQLException("canceling statement due to statement timeout",
                "57014"))).isTrue();
    }

    @Test
    void shouldLeaveConstraintViolationsAndOtherErrorsToTheInternalErrorMapper() {
        assertThat(DatabaseUnavailable.causes(new SQLException("duplicate key value", "23505"))).isFalse();
        assertThat(DatabaseUnavailable.causes(new NullPointerException())).isFalse();
    }

    @Test
    void shouldSummariseWithoutTheMessageThatMayCarryRowContents() {
        String summary = DatabaseUnavailable.summary(
                new RuntimeException(new SQLException("Key (name)=(Ayşe Yılmaz) already exists", "23505")));
        assertThat(summary).isEqualTo("SQLException SQLSTATE 23505").doesNotContain("Ayşe");
    }
}

package de.fallnetz.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The chaos run's short version inside the test run (issue #11): a few hundred cases through the gateway while a
 * service, a broker of three and PostgreSQL are killed, a broker is cut off the network (where network namespaces are
 * permitted), a service is frozen past its consumer session and a table is locked. It runs in this module, beside
 * system-tests, so that its own stack does not lengthen the test run by its whole duration. The report lands in
 * bench/target/chaos/.
 */
class ChaosShortIT {

    @Test
    void shouldLoseNothingAndDoNothingTwiceThroughEveryKindOfFault() throws Exception {
        Path root = Path.of(System.getProperty("fallnetz.root", "..")).toAbsolutePath().normalize();
        ChaosReport report = new ChaosRun(root, ChaosRun.Plan.systemTest(root.resolve("bench/target/chaos")),
                System.out).run();

        ChaosCheck check = report.check();
        assertThat(check.accepted).as("accepted cases").isEqualTo(report.load().offered.get())
                .isGreaterThanOrEqualTo(300);
        assertThat(check.casesWithLostEvents).as("cases with an event lost, e.g. %s", check.examples).isZero();
        assertThat(check.casesWithDoubledEffects).as("cases with an effect doubled, e.g. %s", check.examples)
                .isZero();
        assertThat(check.casesInDatabase).as("cases in case-service's database").isEqualTo(check.accepted);
        assertThat(check.keysWithTwoCases).as("idempotency keys with two cases").isZero();
        assertThat(check.orderViolations).as("per-case order broken").isZero();
        assertThat(check.deadLetters).as("dead letters").isZero();
        assertThat(check.outboxUnsent).as("outbox rows never sent").allSatisfy((service, n) -> assertThat(n).isZero());
        assertThat(report.serverErrors()).as("answers 5xx other than 503: %s", report.load().answers).isZero();
        assertThat(report.faults()).as("every fault healed: a case opened after it crossed every hop")
                .allSatisfy(f -> assertThat(report.recoverySeconds(f)).as(f.name()).isPositive());
        assertThat(report.passed()).isTrue();
    }
}

package de.fallnetz.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import de.fallnetz.devstack.DatabaseTestClient;
import de.fallnetz.devstack.FallnetzService;
import de.fallnetz.devstack.ServiceMetrics;

/** A consumer killed in the middle of a stream of events loses none and applies none twice. */
class ConsumerCrashIT {

    private static final int CASES = 40;

    private static RunningSystem system;

    @BeforeAll
    static void start() {
        system = RunningSystem.get();
    }

    @Test
    void shouldApplyEveryEventExactlyOnceWhenTheConsumersAreKilledWhileEventsAreArriving() throws Exception {
        List<String> caseIds = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            caseIds.add(system.openCase());
            if (i == CASES / 4) {
                // Mid-stream: some events applied, some in flight, the rest still to come.
                system.kill(FallnetzService.PARTNER_SERVICE);
                system.kill(FallnetzService.NOTIFICATION_SERVICE);
            }
        }
        system.restart(FallnetzService.PARTNER_SERVICE, Map.of());
        system.restart(FallnetzService.NOTIFICATION_SERVICE, Map.of());

        String ids = caseIds.stream().map(id -> "'" + id + "'").collect(Collectors.joining(","));
        DatabaseTestClient cases = system.db(FallnetzService.CASE_SERVICE);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> cases.count("timeline_entry", "case_id in (" + ids + ")") >= 3L * CASES);

        assertThat(cases.count("timeline_entry", "case_id in (" + ids + ")")).isEqualTo(3L * CASES);
        assertThat(system.db(FallnetzService.PARTNER_SERVICE).count("partner_case", "case_id in (" + ids + ")"))
                .isEqualTo(CASES);
        assertThat(system.db(FallnetzService.NOTIFICATION_SERVICE).count("notification", "case_id in (" + ids + ")"))
                .isEqualTo(CASES);
        // Every event the consumers announced is one the timeline holds once: no copy made a second entry.
        assertThat(cases.queryLong("select count(distinct (case_id, event_type)) from timeline_entry where case_id in ("
                + ids + ")")).isEqualTo(3L * CASES);
        // The kill left applied events whose offsets were not committed yet: Kafka delivered them again after the
        // restart, and the inbox dropped the copies.
        assertThat(duplicates(FallnetzService.PARTNER_SERVICE, "partner-service.cases")
                + duplicates(FallnetzService.NOTIFICATION_SERVICE, "notification-service.cases")).isPositive();
    }

    private static double duplicates(FallnetzService service, String consumer) {
        return ServiceMetrics.eventsConsumed(system.managementUrl(service), consumer, "duplicate");
    }
}

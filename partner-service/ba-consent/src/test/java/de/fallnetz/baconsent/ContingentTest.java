package de.fallnetz.baconsent;

import static de.fallnetz.contracts.events.EventType.INTERACTION_ANSWERED;
import static de.fallnetz.contracts.events.EventType.INTERACTION_DEEMED_GRANTED;
import static de.fallnetz.contracts.events.EventType.INTERACTION_DELIVERED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import de.fallnetz.devstack.EventSamples;
import de.fallnetz.devstack.FallnetzService;
import de.fallnetz.devstack.FallnetzStackResource;
import de.fallnetz.devstack.InteractionTestEvents;
import de.fallnetz.devstack.InteractionTestEvents.Sent;
import de.fallnetz.interactions.deadline.DeadlineScheduler;
import de.fallnetz.interactions.deadline.InteractionClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = FallnetzStackResource.class,
        initArgs = @ResourceArg(name = "service", value = "ba-consent"))
class ContingentTest {

    private static final InteractionTestEvents requests = InteractionTestEvents.onSharedStack(
            FallnetzService.BA_CONSENT);

    @Inject
    InteractionClock clock;

    @Inject
    DeadlineScheduler deadlines;

    @Inject
    ContingentService contingent;

    @Test
    void shouldRefuseAtOnceAndBindinglyWhenTheMonthsPlacesForTheCountryAreGone() {
        ZonedDateTime now = clock.instant().atZone(InteractionClock.ZONE);
        requests.db().update("insert into contingent (year, month, country, quota, used) values (" + now.getYear()
                + ", " + now.getMonthValue() + ", 'MNE', 10, 10) on conflict (year, month, country)"
                + " do update set used = contingent.quota");

        Sent r = requests.request(Map.of("caseType", "WESTERN_BALKANS", "data", Map.of("nationality", "MNE")));

        await().atMost(Duration.ofSeconds(30)).until(() -> requests.published(r, INTERACTION_ANSWERED).size() == 1);
        String answered = requests.published(r, INTERACTION_ANSWERED).get(0);
        assertThat(EventSamples.violations(INTERACTION_ANSWERED, answered)).isEmpty();
        assertThat(InteractionTestEvents.field(answered, "outcome")).isEqualTo("REFUSED");
        assertThat(InteractionTestEvents.field(answered, "binding")).isEqualTo("true");
        assertThat(InteractionTestEvents.field(answered, "reasons")).isEqualTo("Kontingent erschöpft (§26 Abs. 2 BeschV)");
        assertThat(requests.published(r, INTERACTION_DELIVERED)).isEmpty();

        clock.advance(Duration.ofDays(21));
        deadlines.fireDue();
        assertThat(requests.published(r, INTERACTION_DEEMED_GRANTED)).isEmpty();
    }

    @Test
    void shouldRefuseTheEmployersPreApprovalUnderTheWesternBalkansRuleWhenThePlacesAreGoneToo() {
        ZonedDateTime now = clock.instant().atZone(InteractionClock.ZONE);
        requests.db().update("insert into contingent (year, month, country, quota, used) values (" + now.getYear()
                + ", " + now.getMonthValue() + ", 'XKX', 10, 10) on conflict (year, month, country)"
                + " do update set used = contingent.quota");

        Sent r = requests.request(Map.of("caseType", "WESTERN_BALKANS", "kind", "BA_PRE_APPROVAL", "data",
                Map.of("nationality", "XKX")));

        await().atMost(Duration.ofSeconds(30)).until(() -> requests.published(r, INTERACTION_ANSWERED).size() == 1);
        String answered = requests.published(r, INTERACTION_ANSWERED).get(0);
        assertThat(InteractionTestEvents.field(answered, "outcome")).isEqualTo("REFUSED");
        assertThat(InteractionTestEvents.field(answered, "reasons")).isEqualTo("Kontingent erschöpft (§26 Abs. 2 BeschV)");
    }

    @Test
    void shouldDeliverAWesternBalkansRequestThatGetsAPlaceAndCountIt() {
        Sent r = requests.request(Map.of("caseType", "WESTERN_BALKANS", "data", Map.of("nationality", "ALB")));

        await().atMost(Duration.ofSeconds(30)).until(() -> requests.published(r, INTERACTION_DELIVERED).size() == 1);
        assertThat(requests.db().queryLong("select coalesce(sum(used), 0) from contingent where country = 'ALB'"))
                .isPositive();
    }

    @Test
    void shouldGrantExactlyTheLastFivePlacesToTwentyConcurrentRequests() throws Exception {
        Instant month = Instant.parse("2090-03-15T12:00:00Z");
        requests.db().update("insert into contingent (year, month, country, quota, used) values (2090, 3, 'SRB',"
                + " 300, 295)");

        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Callable<Boolean>> racers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                racers.add(() -> QuarkusTransaction.requiringNew().call(() -> contingent.reserve("SRB", month)));
            }
            long granted = 0;
            for (Future<Boolean> f : pool.invokeAll(racers)) {
                granted += f.get() ? 1 : 0;
            }
            assertThat(granted).isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
        assertThat(requests.db().queryLong("select used from contingent where year = 2090 and month = 3"
                + " and country = 'SRB'")).isEqualTo(300);
    }

    @Test
    void shouldStartANewYearWithItsOwnQuotaAndNoCarryOver() {
        requests.db().update("insert into contingent (year, month, country, quota, used) values (2091, 12, 'BIH',"
                + " 694, 0)");

        boolean placed = QuarkusTransaction.requiringNew()
                .call(() -> contingent.reserve("BIH", Instant.parse("2092-01-10T12:00:00Z")));

        assertThat(placed).isTrue();
        assertThat(requests.db().queryLong("select quota from contingent where year = 2092 and month = 1"
                + " and country = 'BIH'")).isEqualTo(contingent.monthlyQuota("BIH"));
        assertThat(contingent.monthlyQuota("BIH")).isEqualTo(694);
    }
}

package de.fallnetz.interactions.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import de.fallnetz.interactions.domain.DeadlineRule;

class DeadlineCalculatorTest {

    private final DeadlineCalculator calculator = new DeadlineCalculator();

    @Test
    void shouldEndTwoWeeksOnTheSameWeekdayAtMidnightGermanTime() {
        Instant due = calculator.dueAt(new DeadlineRule(2, "WEEKS", "DEEMED_GRANTED", null),
                Instant.parse("2026-11-03T10:00:00Z"), "DE-BE");

        assertThat(due).isEqualTo(Instant.parse("2026-11-17T23:00:00Z"));
    }

    @Test
    void shouldSkipEpiphanyInBavariaButNotInBerlin() {
        LocalDate monday = LocalDate.of(2026, 1, 5);

        assertThat(calculator.plusWorkingDays(monday, 1, "DE-BY")).isEqualTo(LocalDate.of(2026, 1, 7));
        assertThat(calculator.plusWorkingDays(monday, 1, "DE-BE")).isEqualTo(LocalDate.of(2026, 1, 6));
    }

    @Test
    void shouldSkipTheEasterHolidaysAndTheWeekendBetweenThem() {
        Instant due = calculator.dueAt(new DeadlineRule(2, "WORKING_DAYS", "ESCALATE", null),
                Instant.parse("2026-04-02T08:00:00Z"), "DE-BE");

        assertThat(due).isEqualTo(DeadlineCalculator.endOf(LocalDate.of(2026, 4, 8)));
    }

    @Test
    void shouldEndAMonthsDeadlineOnTheSameDateAndHaveNoneWithoutARule() {
        assertThat(calculator.dueAt(new DeadlineRule(3, "MONTHS", "ESCALATE", null),
                Instant.parse("2026-11-30T12:00:00Z"), "DE-HH"))
                .isEqualTo(DeadlineCalculator.endOf(LocalDate.of(2027, 2, 28)));
        assertThat(calculator.dueAt(DeadlineRule.NONE, Instant.now(), "DE-HH")).isNull();
    }
}

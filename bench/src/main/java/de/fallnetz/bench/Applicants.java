package de.fallnetz.bench;

import java.time.LocalDate;

import de.fallnetz.devstack.Fixtures;

/**
 * The applicants of the benchmarks' cases: number {@code n} has a date of birth of their own, so that every case is
 * another person's to case-service (its person key), as in an office. With one applicant for all, case-service's
 * linked-cases query for each new case sorted every earlier one: 3.5 of 5.3 ms of PostgreSQL's statement time per
 * case at 3,000 cases, growing with the run (bench/README.md).
 */
final class Applicants {

    /** Birthdays on this many days from the first: 54 years, more people than a run opens cases for. */
    private static final int BIRTHDAYS = 20_000;
    private static final LocalDate FIRST_BIRTHDAY = LocalDate.of(1950, 1, 1);

    private Applicants() {
    }

    static LocalDate dateOfBirth(int applicant) {
        return FIRST_BIRTHDAY.plusDays(Math.floorMod(applicant, BIRTHDAYS));
    }

    /** The walking skeleton's case (the tests' fixture) for applicant {@code applicant}. */
    static String openCaseJson(int applicant) {
        return Fixtures.openCaseJson("abh-berlin", "vi", dateOfBirth(applicant));
    }
}

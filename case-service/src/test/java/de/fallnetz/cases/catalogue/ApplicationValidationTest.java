package de.fallnetz.cases.catalogue;

import static de.fallnetz.cases.catalogue.CatalogueFixtures.application;
import static de.fallnetz.cases.catalogue.CatalogueFixtures.catalogue;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import de.fallnetz.cases.catalogue.CaseTypeCatalogue.InvalidField;

class ApplicationValidationTest {

    private static final LocalDate IN_2025 = LocalDate.of(2025, 6, 1);
    private static final LocalDate IN_2026 = LocalDate.of(2026, 6, 1);

    private final YamlCaseTypeCatalogue catalogue = catalogue();

    static Stream<String> codes() {
        return catalogue().codes().stream();
    }

    @ParameterizedTest
    @MethodSource("codes")
    void shouldAcceptAValidApplicationOfEveryCaseType(String code) {
        assertThat(catalogue.validate(current(code), application(code))).isEmpty();
    }

    @Test
    void shouldRejectABlueCardWithAStudentsApplicationNamingEveryField() {
        List<InvalidField> invalid = catalogue.validate(current("BLUE_CARD"), application("STUDENT"));

        assertThat(invalid).extracting(InvalidField::name).contains("application.university",
                "application.studyProgramme", "application.studyStart", "application.financing",
                "application.employer", "application.grossAnnualSalaryEur", "application.salaryBand");
        assertThat(invalid).filteredOn(f -> f.name().equals("application.university"))
                .extracting(InvalidField::reason).containsExactly("is not a field of case type BLUE_CARD (version 1)");
        assertThat(invalid).filteredOn(f -> f.name().equals("application.employer"))
                .extracting(InvalidField::reason).containsExactly("is required for case type BLUE_CARD");
    }

    @Test
    void shouldRejectASalaryBelowTheThresholdOfTheChosenBand() {
        Map<String, Object> general = application("BLUE_CARD");
        general.put("grossAnnualSalaryEur", new BigDecimal("45000.00"));
        Map<String, Object> reduced = application("BLUE_CARD");
        reduced.put("grossAnnualSalaryEur", new BigDecimal("45000.00"));
        reduced.put("salaryBand", "REDUCED");

        assertThat(catalogue.validate(current("BLUE_CARD"), general, IN_2025)).containsExactly(new InvalidField(
                "application.grossAnnualSalaryEur", "must be at least 48300.00 EUR for salaryBand GENERAL in 2025 "
                        + "(§18g Abs. 1 AufenthG: 50 % / 45,3 % der Beitragsbemessungsgrenze der "
                        + "Rentenversicherung 2025)"));
        assertThat(catalogue.validate(current("BLUE_CARD"), reduced, IN_2025)).isEmpty();
    }

    @Test
    void shouldTakeTheThresholdsOfTheApplicationYear() {
        Map<String, Object> application = application("BLUE_CARD");
        application.put("grossAnnualSalaryEur", 49000);

        assertThat(catalogue.validate(current("BLUE_CARD"), application, IN_2025)).isEmpty();
        assertThat(catalogue.validate(current("BLUE_CARD"), application, IN_2026)).extracting(InvalidField::reason)
                .singleElement().asString().startsWith("must be at least 50700.00 EUR");
        assertThat(catalogue.validate(current("BLUE_CARD"), application)).as("today is in 2026").hasSize(1);
        assertThat(catalogue.validate(current("BLUE_CARD"), application, LocalDate.of(2031, 1, 1)))
                .as("a year without its own table keeps the newest one").hasSize(1);
    }

    @Test
    void shouldTakeAConfiguredThresholdForAnUnverifiedYear() {
        YamlCaseTypeCatalogue configured = catalogue(Map.of("blue-card-threshold-2026-general", "49000.00"));
        Map<String, Object> application = application("BLUE_CARD");
        application.put("grossAnnualSalaryEur", 49000);

        assertThat(configured.validate(current("BLUE_CARD"), application, IN_2026)).isEmpty();
    }

    @Test
    void shouldRejectAnApplicationWithoutItsRequiredFieldsAndAcceptOneWithoutTheOptionalOnes() {
        Map<String, Object> partial = application("CHANGE_OF_EMPLOYER");
        partial.remove("newEmployer");
        partial.put("jobTitle", "  ");

        assertThat(catalogue.validate(current("CHANGE_OF_EMPLOYER"), partial)).extracting(InvalidField::name)
                .containsExactly("application.newEmployer", "application.jobTitle");
        assertThat(catalogue.validate(current("CHANGE_OF_EMPLOYER"), null)).isNotEmpty();
    }

    static Stream<Arguments> wrongValues() {
        return Stream.of(
                Arguments.of("STUDENT", "postalCode", "1011", "must be a German postal code of five digits"),
                Arguments.of("STUDENT", "postalCode", 10115, "must be a German postal code of five digits"),
                Arguments.of("STUDENT", "studyStart", "2026-02-30", "must be an ISO date such as 2026-03-17"),
                Arguments.of("STUDENT", "studyStart", "01.10.2026", "must be an ISO date such as 2026-03-17"),
                Arguments.of("STUDENT", "university", "x".repeat(201), "must be at most 200 characters"),
                Arguments.of("STUDENT", "university", "HU\nBerlin", "must not contain control characters"),
                Arguments.of("STUDENT", "university", 42, "must be text"),
                Arguments.of("STUDENT", "financing", "PARENTS",
                        "must be one of [BLOCKED_ACCOUNT, SCHOLARSHIP, DECLARATION_OF_COMMITMENT, OTHER]"),
                Arguments.of("BLUE_CARD", "grossAnnualSalaryEur", 52000.123,
                        "must be an amount in euros with at most two decimal places"),
                Arguments.of("BLUE_CARD", "grossAnnualSalaryEur", "52000",
                        "must be an amount in euros with at most two decimal places"),
                Arguments.of("BLUE_CARD", "grossAnnualSalaryEur", -1, "must not be negative"),
                Arguments.of("BLUE_CARD", "grossAnnualSalaryEur", 20000000, "must be at most 10000000.00"),
                Arguments.of("BLUE_CARD", "firstIssue", "yes", "must be true or false"),
                Arguments.of("SETTLEMENT_PERMIT", "pensionContributionMonths", 27.5, "must be a whole number"),
                Arguments.of("SETTLEMENT_PERMIT", "pensionContributionMonths", 601, "must be at most 600"),
                Arguments.of("ACCELERATED_SKILLED_WORKER", "familyMembers", "Maria", "must be a list of family members"),
                Arguments.of("ACCELERATED_SKILLED_WORKER", "familyMembers", List.of(Map.of("familyName", "Santos",
                        "givenNames", "Maria", "dateOfBirth", "2019-05-01", "nationality", "PHL",
                        "relationship", "COUSIN")), "[0].relationship must be one of [SPOUSE, CHILD]"),
                Arguments.of("ACCELERATED_SKILLED_WORKER", "familyMembers", List.of(Map.of("familyName", "Santos",
                        "givenNames", "Maria", "dateOfBirth", "2019-05-01", "relationship", "CHILD")),
                        "[0].nationality is required"),
                Arguments.of("ACCELERATED_SKILLED_WORKER", "familyMembers", List.of(Map.of("familyName", "Santos",
                        "givenNames", "Maria", "dateOfBirth", "2019-05-01", "nationality", "ph",
                        "relationship", "CHILD")),
                        "[0].nationality must be an ISO 3166-1 alpha-3 code such as VNM"),
                Arguments.of("ACCELERATED_SKILLED_WORKER", "familyMembers", List.of(Map.of("familyName", "Santos",
                        "givenNames", "Maria", "dateOfBirth", "2019-05-01", "nationality", "PHL",
                        "relationship", "CHILD", "passportNumber", "P123")), "[0] has unknown fields [passportNumber]"));
    }

    @ParameterizedTest(name = "{0}.{1} = {2}")
    @MethodSource("wrongValues")
    void shouldRejectAValueOfTheWrongShapeNamingTheField(String code, String field, Object value, String reason) {
        Map<String, Object> application = application(code);
        application.put(field, value);

        assertThat(catalogue.validate(current(code), application))
                .containsExactly(new InvalidField("application." + field, reason));
    }

    private CaseTypeVersion current(String code) {
        return catalogue.current(code).orElseThrow();
    }
}

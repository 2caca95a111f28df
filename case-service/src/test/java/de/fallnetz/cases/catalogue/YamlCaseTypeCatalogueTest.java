package de.fallnetz.cases.catalogue;

import static de.fallnetz.cases.catalogue.CatalogueFixtures.LISTED_NATIONALITY;
import static de.fallnetz.cases.catalogue.CatalogueFixtures.UNLISTED_NATIONALITY;
import static de.fallnetz.cases.catalogue.CatalogueFixtures.application;
import static de.fallnetz.cases.catalogue.CatalogueFixtures.catalogue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import de.fallnetz.cases.catalogue.CaseTypeVersion.Status;

class YamlCaseTypeCatalogueTest {

    private final YamlCaseTypeCatalogue catalogue = catalogue();

    @Test
    void shouldListEveryCaseTypeTheLifecycleUses() {
        assertThat(catalogue.codes()).containsExactly("BLUE_CARD", "SKILLED_WORKER_VOCATIONAL",
                "SKILLED_WORKER_ACADEMIC", "ACCELERATED_SKILLED_WORKER", "WESTERN_BALKANS", "STUDENT",
                "FAMILY_REUNIFICATION", "SETTLEMENT_PERMIT", "EXTENSION", "CHANGE_OF_EMPLOYER",
                "ADDRESS_CHANGE_TRANSFER");
        assertThat(catalogue.versions("NO_SUCH_TYPE")).isEmpty();
        assertThat(catalogue.version("BLUE_CARD", 99)).isEmpty();
    }

    @Test
    void shouldGiveEveryFieldAListOfAllowedValuesEmptyUnlessItIsAnEnum() {
        for (String code : catalogue.codes()) {
            assertThat(catalogue.versions(code)).flatMap(CaseTypeVersion::fields).allSatisfy(f -> assertThat(
                    f.allowed().isEmpty()).isEqualTo(f.type() != FieldSpec.Type.ENUM));
        }
    }

    @Test
    void shouldAskForBaConsentOnlyForTheReducedBlueCardBand() {
        Map<String, Object> general = application("BLUE_CARD");
        Map<String, Object> reduced = application("BLUE_CARD");
        reduced.put("salaryBand", "REDUCED");

        assertThat(kinds("BLUE_CARD", general, UNLISTED_NATIONALITY)).doesNotContain("BA_CONSENT");
        assertThat(kinds("BLUE_CARD", reduced, UNLISTED_NATIONALITY)).contains("BA_CONSENT");
    }

    @Test
    void shouldAskForBaConsentForAnItSpecialistWithoutADegreeAtTheGeneralBandButNotForRecognition() {
        Map<String, Object> it = application("BLUE_CARD");
        it.put("itSpecialistWithoutDegree", true);
        it.put("qualificationRecognised", false);

        assertThat(kinds("BLUE_CARD", it, UNLISTED_NATIONALITY)).contains("BA_CONSENT").doesNotContain("RECOGNITION");
    }

    @Test
    void shouldGiveTheBaTwoWeeksAndDeemConsentOnSilenceButOneWeekInTheAcceleratedProcedure() {
        InteractionRule regular = rule("SKILLED_WORKER_VOCATIONAL", "BA_CONSENT");
        InteractionRule accelerated = rule("ACCELERATED_SKILLED_WORKER", "BA_CONSENT");

        assertThat(regular.deadline().amount()).isEqualTo(2);
        assertThat(regular.deadline().unit()).isEqualTo("WEEKS");
        assertThat(regular.deadline().silence()).isEqualTo("DEEMED_GRANTED");
        assertThat(accelerated.deadline().amount()).isEqualTo(1);
        assertThat(accelerated.deadline().silence()).isEqualTo("DEEMED_GRANTED");
        assertThat(rule("ACCELERATED_SKILLED_WORKER", "RECOGNITION").deadline().amount()).isEqualTo(2);
        assertThat(rule("SKILLED_WORKER_ACADEMIC", "RECOGNITION").deadline().amount()).isEqualTo(3);
        assertThat(rule("SKILLED_WORKER_ACADEMIC", "RECOGNITION").deadline().silence()).isEqualTo("ESCALATE");
    }

    @Test
    void shouldRequireTheSecurityConsultationForAListedNationalityOnly() {
        Map<String, Object> student = application("STUDENT");

        assertThat(kinds("STUDENT", student, LISTED_NATIONALITY)).containsExactly("SECURITY_CHECK");
        assertThat(kinds("STUDENT", student, UNLISTED_NATIONALITY)).isEmpty();
        assertThat(kinds("STUDENT", student, null)).isEmpty();
    }

    @Test
    void shouldAlwaysRequireTheSecurityConsultationBeforeASettlementPermit() {
        assertThat(kinds("SETTLEMENT_PERMIT", application("SETTLEMENT_PERMIT"), UNLISTED_NATIONALITY))
                .contains("SECURITY_CHECK", "REGISTRATION_OFFICE");
    }

    @Test
    void shouldReportTheIntegrationCourseEntitlementOnlyOnFirstIssue() {
        Map<String, Object> renewal = application("FAMILY_REUNIFICATION");
        renewal.put("firstIssue", false);

        assertThat(kinds("FAMILY_REUNIFICATION", application("FAMILY_REUNIFICATION"), UNLISTED_NATIONALITY))
                .contains("INTEGRATION_COURSE");
        assertThat(kinds("FAMILY_REUNIFICATION", renewal, UNLISTED_NATIONALITY)).doesNotContain("INTEGRATION_COURSE");
        assertThat(kinds("STUDENT", application("STUDENT"), UNLISTED_NATIONALITY)).doesNotContain("INTEGRATION_COURSE");
    }

    @Test
    void shouldCombineConditionsWithAllOfAnyOfAndNot() {
        Condition reduced = new Condition(null, "salaryBand", "REDUCED", null, null, null, null, null);
        Condition listed = new Condition(null, null, null, null, "security-consultation", null, null, null);
        Condition both = new Condition(null, null, null, null, null, List.of(reduced, listed), null, null);
        Condition either = new Condition(null, null, null, null, null, null, List.of(reduced, listed), null);
        Condition notReduced = new Condition(null, null, null, null, null, null, null, reduced);
        Map<String, Object> data = Map.of("salaryBand", "REDUCED");

        assertThat(catalogue.applies(both, data, LISTED_NATIONALITY)).isTrue();
        assertThat(catalogue.applies(both, data, UNLISTED_NATIONALITY)).isFalse();
        assertThat(catalogue.applies(either, Map.of(), LISTED_NATIONALITY)).isTrue();
        assertThat(catalogue.applies(notReduced, data, UNLISTED_NATIONALITY)).isFalse();
        assertThat(catalogue.applies(new Condition(null, "n", null, List.of(1, 2), null, null, null, null),
                Map.of("n", 2.0), null)).isTrue();
    }

    @Test
    void shouldGiveACaseOpenedBeforeTheContingentCutVersionOneAndOnOrAfterItVersionTwo() {
        CaseTypeVersion before = catalogue.applicable("WESTERN_BALKANS", LocalDate.of(2026, 12, 31)).orElseThrow();
        CaseTypeVersion after = catalogue.applicable("WESTERN_BALKANS", LocalDate.of(2027, 1, 1)).orElseThrow();

        assertThat(before.version()).isEqualTo(1);
        assertThat(after.version()).isEqualTo(2);
        assertThat(after.validFrom()).isEqualTo(LocalDate.of(2027, 1, 1));
        assertThat(contingent(1)).isEqualTo(50000);
        assertThat(contingent(2)).isEqualTo(25000);
    }

    @Test
    void shouldKeepTheVersionACaseWasOpenedUnderReadableAfterANewerOneApplies() {
        assertThat(catalogue.version("WESTERN_BALKANS", 1)).get().extracting(CaseTypeVersion::status)
                .isEqualTo(Status.PUBLISHED);
        assertThat(catalogue.versions("WESTERN_BALKANS")).extracting(CaseTypeVersion::version).containsExactly(1, 2);
    }

    @Test
    void shouldNeverApplyADraftVersion() {
        CaseTypeVersion draft = catalogue.version("SKILLED_WORKER_VOCATIONAL", 2).orElseThrow();

        assertThat(draft.status()).isEqualTo(Status.DRAFT);
        assertThat(draft.interactions()).extracting(InteractionRule::kind).doesNotContain("BA_CONSENT");
        assertThat(catalogue.applicable("SKILLED_WORKER_VOCATIONAL", LocalDate.of(2100, 1, 1)))
                .get().extracting(CaseTypeVersion::version).isEqualTo(1);
    }

    @Test
    void shouldApplyNoVersionBeforeTheFirstIsValidNorForAnUnknownType() {
        assertThat(catalogue.applicable("BLUE_CARD", LocalDate.of(2024, 12, 31))).isEmpty();
        assertThat(catalogue.applicable("NO_SUCH_TYPE", CatalogueFixtures.TODAY)).isEmpty();
        assertThat(catalogue.current("BLUE_CARD")).get().extracting(CaseTypeVersion::version).isEqualTo(1);
    }

    @Test
    void shouldLetConfigurationOverrideAValueTheDomainResearchCouldNotVerify() {
        YamlCaseTypeCatalogue configured = catalogue(Map.of("security-check-expected-response-working-days", "15",
                "western-balkans-annual-contingent", "25000"));

        assertThat(configured.version("STUDENT", 1).orElseThrow().interactions().get(0).deadline().amount())
                .isEqualTo(15);
        assertThat(configured.entry("WESTERN_BALKANS", 1).orElseThrow().parameter("annualContingent")
                .orElseThrow().value()).isEqualTo(25000);
        assertThat(configured.settings()).anySatisfy(s -> {
            assertThat(s.name()).isEqualTo("western-balkans-annual-contingent");
            assertThat(s.defaultValue()).isEqualTo(50000);
            assertThat(s.value()).isEqualTo(25000);
        });
    }

    @Test
    void shouldRefuseToStartWithASettingNoCatalogueFileDeclares() {
        assertThatThrownBy(() -> catalogue(Map.of("blue-card-threshold-2062-general", "1")))
                .isInstanceOf(CatalogueException.class)
                .hasMessageContaining("blue-card-threshold-2062-general");
    }

    @Test
    void shouldRefuseToStartWithASettingOfTheWrongType() {
        assertThatThrownBy(() -> catalogue(Map.of("western-balkans-priority-check", "perhaps")))
                .isInstanceOf(CatalogueException.class)
                .hasMessageContaining("must be true or false");
    }

    @Test
    void shouldRefuseToStartWhenAConditionNamesANationalityListThatIsNotConfigured() {
        assertThatThrownBy(() -> new YamlCaseTypeCatalogue(CatalogueLoader.DEFAULT_ROOT, Map.of(), Map.of(),
                Clock.systemUTC()))
                .isInstanceOf(CatalogueException.class)
                .hasMessageContaining("BLUE_CARD/v1.yaml")
                .hasMessageContaining("fallnetz.catalogue.nationality-lists.security-consultation");
    }

    @Test
    void shouldRefuseToStartNamingTheFileWhenAFileBreaksTheSchema() {
        assertThatThrownBy(() -> new YamlCaseTypeCatalogue("catalogue-broken", Map.of(), Map.of(),
                Clock.systemUTC()))
                .isInstanceOf(CatalogueException.class)
                .hasMessageContaining("catalogue-broken/BROKEN/v1.yaml does not fit case-type.schema.json")
                .hasMessageContaining("competence");
    }

    private List<String> kinds(String code, Map<String, Object> application, String nationality) {
        CaseTypeVersion version = catalogue.current(code).orElseThrow();
        assertThat(catalogue.validate(version, application)).isEmpty();
        return catalogue.requiredInteractions(version, application, nationality).stream()
                .map(InteractionRule::kind).toList();
    }

    private InteractionRule rule(String code, String kind) {
        return catalogue.current(code).orElseThrow().interactions().stream().filter(r -> r.kind().equals(kind))
                .findFirst().orElseThrow();
    }

    private Object contingent(int version) {
        return catalogue.entry("WESTERN_BALKANS", version).orElseThrow().parameter("annualContingent").orElseThrow()
                .value();
    }
}

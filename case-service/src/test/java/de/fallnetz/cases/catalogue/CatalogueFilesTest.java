package de.fallnetz.cases.catalogue;

import static de.fallnetz.cases.catalogue.PublishedLock.CATALOGUE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import de.fallnetz.contracts.events.InteractionRequested;

/**
 * The build-time check of the catalogue data as it lies in the source tree: every file fits the schema, the folder
 * holds nothing the loader would not reach, and every cross-reference holds with the service's own configuration.
 */
class CatalogueFilesTest {

    static Stream<String> versionFiles() throws IOException {
        try (Stream<Path> files = Files.walk(CATALOGUE)) {
            return files.filter(p -> p.getFileName().toString().matches("v[0-9]+\\.yaml"))
                    .map(p -> CATALOGUE.relativize(p).toString().replace('\\', '/')).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("versionFiles")
    void shouldFitTheSchema(String file) throws IOException {
        CatalogueLoader loader = new CatalogueLoader(CatalogueLoader.DEFAULT_ROOT, Set.of(), Map.of());

        assertThat(loader.schemaViolations(new YAMLMapper().readTree(CATALOGUE.resolve(file).toFile()))).isEmpty();
    }

    @Test
    void shouldHoldOnlyFilesTheLoaderReachesNumberedWithoutGaps() throws IOException {
        List<String> codes = new CatalogueLoader(CatalogueLoader.DEFAULT_ROOT, Set.of(), Map.of()).codes();
        List<String> expected = new ArrayList<>();
        for (String code : codes) {
            long count;
            try (Stream<Path> files = Files.list(CATALOGUE.resolve(code))) {
                count = files.count();
            }
            for (int n = 1; n <= count; n++) {
                expected.add(code + "/v" + n + ".yaml");
            }
        }
        assertThat(versionFiles().toList()).containsExactlyInAnyOrderElementsOf(expected);
        try (Stream<Path> top = Files.list(CATALOGUE)) {
            assertThat(top.map(p -> p.getFileName().toString()).filter(n -> !Files.isDirectory(CATALOGUE.resolve(n))))
                    .containsExactlyInAnyOrder(CatalogueLoader.INDEX, CatalogueLoader.SCHEMA, PublishedLock.LOCK);
        }
    }

    @Test
    void shouldLoadWithTheNationalityListsTheServiceConfigures() {
        YamlCaseTypeCatalogue catalogue = new YamlCaseTypeCatalogue(CatalogueLoader.DEFAULT_ROOT,
                CatalogueFixtures.configuredNationalityLists(), Map.of(), Clock.systemUTC());

        assertThat(catalogue.codes()).hasSize(11);
        assertThat(catalogue.codes()).allSatisfy(code -> assertThat(catalogue.versions(code)).isNotEmpty());
    }

    @Test
    void shouldCiteTheDomainFileForTheCaseTypeAndEveryInteraction() {
        YamlCaseTypeCatalogue catalogue = CatalogueFixtures.catalogue();
        for (String code : catalogue.codes()) {
            for (CaseTypeVersion version : catalogue.versions(code)) {
                assertThat(version.domainReference()).startsWith("domain ");
                assertThat(version.interactions()).allSatisfy(r -> assertThat(r.domainReference())
                        .startsWith("domain "));
            }
        }
    }

    @Test
    void shouldReportEveryBrokenCrossReferenceOfAVersion() {
        CatalogueEntry blueCard = CatalogueFixtures.catalogue().entry("BLUE_CARD", 1).orElseThrow();
        CaseTypeVersion v = blueCard.version();
        InteractionRule broken = new InteractionRule("BA_CONSENT", "zab",
                new Condition(null, "salaryBand", "LOW", null, null, null, null, null),
                new InteractionRequested.Deadline(0, "WEEKS", "DEEMED_GRANTED", "§36 BeschV"),
                List.of("nickname", "applicant.shoeSize"), "§39 AufenthG", "domain §1.1", true);
        InteractionRule unknown = new InteractionRule("TEA_CEREMONY", "kitchen",
                new Condition(null, null, null, null, "tea-drinkers", null, null, null),
                new InteractionRequested.Deadline(0, "NONE", "NONE", "none"), List.of(), "none", "domain §0", false);
        Map<String, Map<String, String>> texts = new HashMap<>(v.statusTexts());
        texts.remove("HEARING");
        texts.put("ON_HOLIDAY", Map.of("de", "Urlaub", "en", "Holiday"));
        CaseTypeVersion bad = new CaseTypeVersion(v.code(), v.version(), v.status(), null, v.title(), v.titleEn(),
                v.legalBasis(), v.domainReference(), v.openedBy(), CaseTypeVersion.Competence.PLACE_OF_WORK,
                v.accelerated(), v.fields(), v.checklist(), List.of(broken, unknown), v.fees(), texts,
                v.outcomeDocuments(), v.grantLegalBasis(), v.retention());

        List<String> problems = CatalogueLoader.crossReferenceProblems(new CatalogueEntry(bad, "test", null,
                List.of(), null), Set.of("security-consultation"));

        assertThat(problems).containsExactlyInAnyOrder(
                "competence PLACE_OF_WORK needs a required POSTAL_CODE field placeOfWorkPostalCode",
                "a PUBLISHED version needs validFrom",
                "interaction BA_CONSENT goes to ba-zav, not zab",
                "interaction BA_CONSENT compares salaryBand with LOW, which it does not allow [GENERAL, REDUCED]",
                "interaction BA_CONSENT shares nickname, which is neither a field nor an applicant.* field "
                        + CatalogueLoader.applicantFields(),
                "interaction BA_CONSENT shares applicant.shoeSize, which is neither a field nor an applicant.* field "
                        + CatalogueLoader.applicantFields(),
                "interaction BA_CONSENT has a deadline of 0 WEEKS: unit NONE goes with amount 0, and only with it",
                "interaction TEA_CEREMONY is not a known interaction kind",
                "interaction TEA_CEREMONY names the nationality list tea-drinkers, which is not configured "
                        + "(fallnetz.catalogue.nationality-lists.tea-drinkers)",
                "statusTexts names ON_HOLIDAY, which is not a case status " + CatalogueLoader.caseStatuses(),
                "statusTexts lacks HEARING");
    }
}

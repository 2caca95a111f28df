package de.fallnetz.cases.catalogue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The catalogue as the unit tests build it, and a valid application of every case type. */
final class CatalogueFixtures {

    /** Inside the 2026 threshold table, after every v1 and before WESTERN_BALKANS v2. */
    static final LocalDate TODAY = LocalDate.of(2026, 11, 26);
    static final String LISTED_NATIONALITY = "IRN";
    static final String UNLISTED_NATIONALITY = "VNM";
    private static final String LIST_PREFIX = "fallnetz.catalogue.nationality-lists.";

    private CatalogueFixtures() {
    }

    /** The nationality lists application.properties configures, as the running service gets them. */
    static Map<String, List<String>> configuredNationalityLists() {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.stringPropertyNames().stream().filter(k -> k.startsWith(LIST_PREFIX))
                .collect(Collectors.toMap(k -> k.substring(LIST_PREFIX.length()),
                        k -> List.of(properties.getProperty(k).split(",")), (a, b) -> a, TreeMap::new));
    }

    static YamlCaseTypeCatalogue catalogue() {
        return catalogue(Map.of());
    }

    static YamlCaseTypeCatalogue catalogue(Map<String, String> settings) {
        return new YamlCaseTypeCatalogue(CatalogueLoader.DEFAULT_ROOT,
                Map.of("security-consultation", List.of(LISTED_NATIONALITY, "SYR")), settings,
                Clock.fixed(TODAY.atStartOfDay(YamlCaseTypeCatalogue.OFFICE_TIME).toInstant(),
                        YamlCaseTypeCatalogue.OFFICE_TIME));
    }

    /** A valid application of {@code code} (mutable, for tests to change). */
    static Map<String, Object> application(String code) {
        Map<String, Object> work = Map.of("postalCode", "10115", "employer", "Muster GmbH, Berlin",
                "jobTitle", "Softwareentwicklerin");
        Map<String, Object> data = new HashMap<>(switch (code) {
            case "BLUE_CARD" -> with(work, Map.of("grossAnnualSalaryEur", new BigDecimal("52000.00"),
                    "salaryBand", "GENERAL", "qualification", "M.Sc. Informatik, Hanoi", "qualificationRecognised",
                    true, "firstIssue", true));
            case "SKILLED_WORKER_VOCATIONAL", "SKILLED_WORKER_ACADEMIC" -> with(work, Map.of("grossAnnualSalaryEur",
                    40000, "qualification", "Elektronikerin, Manila", "qualificationRecognised", true,
                    "firstIssue", true));
            case "ACCELERATED_SKILLED_WORKER" -> Map.of("placeOfWorkPostalCode", "80331", "employer",
                    "Muster GmbH, München", "jobTitle", "Pflegefachkraft", "targetTitle",
                    "SKILLED_WORKER_VOCATIONAL_18A", "qualification", "Pflegefachkraft, Manila",
                    "qualificationRecognised", false, "familyMembers", List.of(Map.of("familyName", "Santos",
                            "givenNames", "Maria", "dateOfBirth", "2019-05-01", "nationality", "PHL",
                            "relationship", "CHILD")));
            case "WESTERN_BALKANS" -> with(work, Map.of("grossAnnualSalaryEur", 36000,
                    "asylumSeekerBenefitsLast24Months", false, "firstIssue", true));
            case "STUDENT" -> Map.of("postalCode", "10115", "university", "Humboldt-Universität zu Berlin",
                    "studyProgramme", "Physik", "studyStart", "2026-10-01", "financing", "BLOCKED_ACCOUNT");
            case "FAMILY_REUNIFICATION" -> Map.of("postalCode", "10115", "relationship", "SPOUSE",
                    "sponsorFamilyName", "Nguyen", "sponsorGivenNames", "Van An", "sponsorResidenceTitle",
                    "§18g AufenthG", "livingSpaceSqm", 60, "sponsorReceivesBenefits", false, "firstIssue", true);
            case "SETTLEMENT_PERMIT" -> Map.of("postalCode", "10115", "basis", "SECTION_18C_2_BLUE_CARD",
                    "currentTitleSince", "2024-01-15", "pensionContributionMonths", 27, "germanLevel", "A1");
            case "EXTENSION" -> Map.of("postalCode", "10115", "currentTitle", "§18b AufenthG",
                    "currentTitleExpiresOn", "2027-01-31", "titleDependsOnBaConsent", false);
            case "CHANGE_OF_EMPLOYER" -> Map.of("postalCode", "10115", "currentTitle", "SKILLED_WORKER_ACADEMIC",
                    "newEmployer", "Beispiel AG, Berlin", "jobTitle", "Data Engineer", "grossAnnualSalaryEur", 61000,
                    "employmentStart", "2027-02-01");
            case "ADDRESS_CHANGE_TRANSFER" -> Map.of("postalCode", "10115", "newPostalCode", "20095", "moveDate",
                    "2026-11-01", "residenceRestriction", false);
            default -> throw new IllegalArgumentException("No fixture for " + code);
        });
        return data;
    }

    private static Map<String, Object> with(Map<String, Object> base, Map<String, Object> more) {
        Map<String, Object> all = new HashMap<>(base);
        all.putAll(more);
        return all;
    }
}

package de.fallnetz.cases.jurisdiction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import de.fallnetz.cases.catalogue.CaseTypeVersion.Competence;
import de.fallnetz.platform.rest.Problem;
import de.fallnetz.platform.rest.ProblemException;

/** The register against the whole postal-code file, without Quarkus. */
class JurisdictionRegisterTest {

    private static final String ASW = "ACCELERATED_SKILLED_WORKER";

    private static JurisdictionRegister register;
    /** postal code → district keys, read from the file here independently of the register. */
    private static Map<String, Set<String>> districtsInFile;

    @BeforeAll
    static void load() throws IOException {
        System.gc();
        long heapBefore = usedHeap();
        long started = System.nanoTime();
        register = new JurisdictionRegister();
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.gc();
        System.out.printf("Office register loaded in %d ms, about %d KiB of heap%n", millis,
                (usedHeap() - heapBefore) / 1024);
        districtsInFile = new TreeMap<>();
        try (InputStream in = JurisdictionRegisterTest.class.getClassLoader()
                .getResourceAsStream(JurisdictionRegister.POSTAL_CODES)) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 1; i < lines.length; i++) {
                List<String> row = CsvLines.parse(lines[i]);
                Set<String> keys = districtsInFile.computeIfAbsent(row.get(0), c -> new TreeSet<>());
                if (!row.get(2).isEmpty()) {
                    keys.add(row.get(2));
                }
            }
        }
    }

    @Test
    void shouldRouteEveryPostalCodeOfTheFileToAnOfficeOrCandidates() {
        List<String> failures = new ArrayList<>();
        int single = 0;
        int ambiguous = 0;
        for (Map.Entry<String, Set<String>> entry : districtsInFile.entrySet()) {
            String code = entry.getKey();
            if (entry.getValue().isEmpty()) {
                continue; // Jungholz: see shouldRejectThePostalCodeOfAPlaceOutsideGermany
            }
            for (String caseType : new String[] { "BLUE_CARD", ASW }) {
                RoutingResult result = register.route(code, caseType, Competence.RESIDENCE, null, "postalCode");
                assertThat(result.districtKeys()).containsExactlyElementsOf(entry.getValue());
                if (result.office().isPresent()) {
                    assertThat(result.candidates()).contains(result.office().get());
                } else if (result.candidates().size() < 2) {
                    failures.add(code + " " + caseType);
                }
                if ("BLUE_CARD".equals(caseType)) {
                    if (result.office().isPresent()) {
                        single++;
                        String district = entry.getValue().iterator().next();
                        assertThat(result.office().get().districtKeys()).containsExactly(district);
                    } else {
                        ambiguous++;
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(districtsInFile).hasSize(10_814);
        assertThat(single).isEqualTo(10_813 - 178);
        assertThat(ambiguous).isEqualTo(178);
    }

    @Test
    void shouldGiveCandidatesForExactlyThePostalCodesThatSpanSeveralDistricts() {
        Set<String> spanning = new TreeSet<>();
        districtsInFile.forEach((code, keys) -> {
            if (keys.size() > 1) {
                spanning.add(code);
            }
        });
        Set<String> withCandidates = new TreeSet<>();
        for (String code : register.postalCodes()) {
            RoutingResult result = register.route(code, "BLUE_CARD", Competence.RESIDENCE, null, "postalCode");
            if (result.office().isEmpty()) {
                withCandidates.add(code);
                assertThat(result.candidates()).hasSameSizeAs(result.districtKeys())
                        .isSortedAccordingTo(java.util.Comparator.comparing(Office::id)).doesNotHaveDuplicates();
                assertThat(result.reason()).startsWith("postal code " + code + " spans districts ")
                        .contains(": candidates ");
            }
        }
        assertThat(spanning).hasSize(178);
        assertThat(withCandidates).isEqualTo(spanning);
    }

    @Test
    void shouldCoverEveryDistrictKeyWithExactlyOneLocalOffice() {
        Set<String> districts = new TreeSet<>();
        districtsInFile.values().forEach(districts::addAll);
        Map<String, String> officeOf = new HashMap<>();
        for (Office office : register.offices()) {
            assertThat(office.id()).matches("[a-z0-9][a-z0-9-]{1,39}");
            assertThat(office.land()).matches("DE-[A-Z]{2}");
            for (String key : office.districtKeys()) {
                assertThat(officeOf.put(key, office.id())).as("district " + key).isNull();
                assertThat(office.centralFor()).isEmpty();
            }
        }
        assertThat(districts).hasSize(400);
        assertThat(officeOf.keySet()).isEqualTo(districts);
        assertThat(register.offices()).hasSize(400 + 3);
        assertThat(officeOf).containsEntry("11000", "abh-berlin").containsEntry("02000", "abh-hamburg")
                .containsEntry("09162", "abh-muenchen").containsEntry("09184", "abh-landkreis-muenchen")
                .containsEntry("05315", "abh-koeln");
        assertThat(register.office("abh-berlin")).get().extracting(Office::name)
                .isEqualTo("Landesamt für Einwanderung (LEA) Berlin");
    }

    @ParameterizedTest
    @CsvSource({
            "10115, BLUE_CARD, abh-berlin, 11000",
            "80331, BLUE_CARD, abh-muenchen, 09162",
            "20095, BLUE_CARD, abh-hamburg, 02000",
            "50667, BLUE_CARD, abh-koeln, 05315",
            "50667, ACCELERATED_SKILLED_WORKER, zfe-nrw, 05315",
            "44135, ACCELERATED_SKILLED_WORKER, zfe-nrw, 05913",
            "10115, ACCELERATED_SKILLED_WORKER, abh-berlin, 11000",
            "01067, BLUE_CARD, abh-dresden, 14612",
            "28195, BLUE_CARD, abh-bremen, 04011",
            "85221, BLUE_CARD, abh-dachau, 09174",
            "82008, BLUE_CARD, abh-landkreis-muenchen, 09184" })
    void shouldRouteWellKnownPostalCodesToTheirOffice(String postalCode, String caseType, String officeId,
            String district) {
        RoutingResult result = register.route(postalCode, caseType, Competence.RESIDENCE, null, "postalCode");

        assertThat(result.office()).get().extracting(Office::id).isEqualTo(officeId);
        assertThat(result.districtKeys()).containsExactly(district);
        assertThat(result.reason()).startsWith("postal code " + postalCode + " → district " + district + " → ");
    }

    @Test
    void shouldExplainTheRouteInTheReason() {
        assertThat(register.route("10115", "BLUE_CARD", Competence.RESIDENCE, null, "postalCode").reason())
                .isEqualTo("postal code 10115 → district 11000 → Landesamt für Einwanderung (LEA) Berlin");
        assertThat(register.route("50667", ASW, Competence.PLACE_OF_WORK, null, "postalCode").reason())
                .isEqualTo("postal code 50667 → district 05315 → central office for ACCELERATED_SKILLED_WORKER in "
                        + "DE-NW: Zentralstelle Fachkräfteeinwanderung NRW, Bezirksregierung Köln");
    }

    @Test
    void shouldOfferTheOptionalBavarianCentralOfficeBesideTheLocalOne() {
        RoutingResult result = register.route("90402", ASW, Competence.PLACE_OF_WORK, null, "postalCode");

        assertThat(result.office()).get().extracting(Office::id).isEqualTo("abh-nuernberg");
        assertThat(result.candidates()).extracting(Office::id).containsExactly("abh-nuernberg", "zsef-bayern");
        assertThat(result.reason()).contains("optional central office for ACCELERATED_SKILLED_WORKER in DE-BY");
        assertThat(register.route("90402", "BLUE_CARD", Competence.RESIDENCE, null, "postalCode").candidates())
                .extracting(Office::id).containsExactly("abh-nuernberg");
    }

    @Test
    void shouldResolveAPostalCodeThatSpansDistrictsByTheMunicipality() {
        // 12529 is Berlin and Schönefeld (Landkreis Dahme-Spreewald); 07919 Kirschkau (Thuringia), Mühltroff (Saxony).
        for (String postalCode : List.of("12529", "07919")) {
            RoutingResult open = register.route(postalCode, "BLUE_CARD", Competence.RESIDENCE, null, "postalCode");
            assertThat(open.office()).isEmpty();
            assertThat(open.candidates()).hasSize(2);

            Map<String, String> placeByDistrict = placeInEachDistrict(postalCode);
            assertThat(placeByDistrict).hasSize(2);
            for (Map.Entry<String, String> e : placeByDistrict.entrySet()) {
                for (String hint : List.of(e.getValue(), e.getValue().toUpperCase().replace("Ö", "OE").replace("Ü",
                        "UE"), e.getValue().replace("ö", "o").replace("ü", "u"))) {
                    RoutingResult result = register.route(postalCode, "BLUE_CARD", Competence.RESIDENCE, hint,
                            "postalCode");
                    assertThat(result.office()).as(hint).get().extracting(o -> o.districtKeys().get(0))
                            .isEqualTo(e.getKey());
                    assertThat(result.reason()).contains("; municipality " + hint + " → district " + e.getKey());
                }
            }
        }
        RoutingResult unknown = register.route("12529", "BLUE_CARD", Competence.RESIDENCE, "Atlantis", "postalCode");
        assertThat(unknown.office()).isEmpty();
        assertThat(unknown.reason()).contains("no place Atlantis");
    }

    @Test
    void shouldSendAnNrwPostalCodeThatSpansDistrictsToTheCentralOfficeForTheAcceleratedProcedure() {
        String nrw = districtsInFile.entrySet().stream()
                .filter(e -> e.getValue().size() > 1 && e.getValue().stream().allMatch(k -> k.startsWith("05")))
                .map(Map.Entry::getKey).findFirst().orElseThrow();

        assertThat(register.route(nrw, ASW, Competence.PLACE_OF_WORK, null, "postalCode").office())
                .get().extracting(Office::id).isEqualTo("zfe-nrw");
        assertThat(register.route(nrw, "BLUE_CARD", Competence.RESIDENCE, null, "postalCode").office()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "1011", "abcde", "10115x", "", " 10115", "00000", "99999" })
    void shouldRejectAMalformedOrUnknownPostalCodeNamingTheField(String postalCode) {
        assertThatThrownBy(() -> register.route(postalCode, "BLUE_CARD", Competence.RESIDENCE, null,
                "application.workplacePostalCode"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(422);
                    assertThat(e.problem().invalidParams()).extracting(Problem.InvalidParam::name)
                            .containsExactly("application.workplacePostalCode");
                    assertThat(e.problem().invalidParams().get(0).reason()).contains("'" + postalCode + "'");
                });
    }

    @Test
    void shouldRejectANullPostalCode() {
        assertThatThrownBy(() -> register.route(null, "BLUE_CARD", Competence.RESIDENCE, null, "postalCode"))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.problem().status()).isEqualTo(422));
    }

    @Test
    void shouldRejectThePostalCodeOfAPlaceOutsideGermany() {
        // The file's one row without a district: Jungholz, an Austrian municipality with a German postal code.
        assertThat(districtsInFile.get("87491")).isEmpty();
        assertThatThrownBy(() -> register.route("87491", "BLUE_CARD", Competence.RESIDENCE, null, "postalCode"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(422);
                    assertThat(e.problem().detail()).contains("Jungholz").contains("no German district");
                });
    }

    private static Map<String, String> placeInEachDistrict(String postalCode) {
        Map<String, String> result = new TreeMap<>();
        Map<String, Integer> seen = new HashMap<>();
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = JurisdictionRegisterTest.class.getClassLoader()
                .getResourceAsStream(JurisdictionRegister.POSTAL_CODES)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                List<String> row = CsvLines.parse(line);
                if (row.get(0).equals(postalCode)) {
                    rows.add(new String[] { row.get(1), row.get(2) });
                    seen.merge(row.get(1), 1, Integer::sum);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        for (String[] row : rows) {
            if (seen.get(row[0]) == 1) {
                result.putIfAbsent(row[1], row[0]);
            }
        }
        return result;
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}

package de.fallnetz.cases.jurisdiction;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import de.fallnetz.cases.catalogue.CaseTypeVersion.Competence;
import de.fallnetz.platform.rest.Problem;
import de.fallnetz.platform.rest.ProblemException;
import io.quarkus.runtime.Startup;

/**
 * The office register and the routing rule, held in memory: postal code → district keys (from
 * {@code jurisdiction/postal-codes.csv}), district key → local office and Land → central offices (from
 * {@code jurisdiction/offices.yaml}). Loaded once at start-up; immutable afterwards.
 */
@Singleton
@Startup
public class JurisdictionRegister implements Jurisdiction {

    static final String OFFICES = "jurisdiction/offices.yaml";
    static final String POSTAL_CODES = "jurisdiction/postal-codes.csv";

    private static final Logger LOG = Logger.getLogger(JurisdictionRegister.class);
    private static final Pattern POSTAL_CODE = Pattern.compile("[0-9]{5}");
    private static final Pattern OFFICE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,39}");

    private final Map<String, Office> offices;
    private final Map<String, Office> officeByDistrict;
    /** Land → case type → the central office that takes it over. */
    private final Map<String, Map<String, Office>> centralOffices;
    private final Map<String, List<String>> districtsByPostalCode;
    /** Only for postal codes with several districts: folded place name → the districts a place of that name is in. */
    private final Map<String, Map<String, Set<String>>> placesByPostalCode;
    /** Postal codes in the file whose place lies in no German district (Jungholz, Austria) → the place. */
    private final Map<String, String> placesWithoutDistrict;

    public JurisdictionRegister() {
        this(read(OFFICES), read(POSTAL_CODES));
    }

    JurisdictionRegister(byte[] officesYaml, byte[] postalCodesCsv) {
        long started = System.nanoTime();
        this.offices = parseOffices(officesYaml);
        this.officeByDistrict = new HashMap<>();
        this.centralOffices = new HashMap<>();
        for (Office office : offices.values()) {
            for (String district : office.districtKeys()) {
                Office before = officeByDistrict.put(district, office);
                if (before != null) {
                    throw new IllegalStateException("District " + district + " is covered by both " + before.id()
                            + " and " + office.id());
                }
            }
            for (String caseType : office.centralFor()) {
                Office before = centralOffices.computeIfAbsent(office.land(), l -> new HashMap<>()).put(caseType,
                        office);
                if (before != null) {
                    throw new IllegalStateException("Two central offices for " + caseType + " in " + office.land()
                            + ": " + before.id() + ", " + office.id());
                }
            }
        }
        Map<String, Set<String>> districts = new HashMap<>();
        List<String[]> rows = new ArrayList<>();
        this.placesWithoutDistrict = new HashMap<>();
        String[] lines = new String(postalCodesCsv, StandardCharsets.UTF_8).split("\n");
        for (int i = 1; i < lines.length; i++) {
            List<String> row = CsvLines.parse(lines[i].strip());
            String postalCode = row.get(0);
            String place = row.get(1);
            String district = row.get(2);
            if (district.isEmpty()) {
                placesWithoutDistrict.put(postalCode, place);
                continue;
            }
            if (!officeByDistrict.containsKey(district)) {
                throw new IllegalStateException("No office covers district " + district + " (postal code "
                        + postalCode + ")");
            }
            districts.computeIfAbsent(postalCode, c -> new TreeSet<>()).add(district);
            rows.add(new String[] { postalCode, place, district });
        }
        this.districtsByPostalCode = new HashMap<>();
        districts.forEach((code, keys) -> districtsByPostalCode.put(code, List.copyOf(keys)));
        // The places are only needed where a postal code spans districts: index those alone.
        this.placesByPostalCode = new HashMap<>();
        for (String[] row : rows) {
            if (districts.get(row[0]).size() > 1) {
                Map<String, Set<String>> byPlace = placesByPostalCode.computeIfAbsent(row[0], c -> new HashMap<>());
                for (String key : PlaceNames.matchKeys(row[1])) {
                    byPlace.computeIfAbsent(key, k -> new TreeSet<>()).add(row[2]);
                }
            }
        }
        placesWithoutDistrict.keySet().removeAll(districtsByPostalCode.keySet());
        LOG.infof("Office register: %d offices, %d postal codes (%d spanning several districts) loaded in %d ms",
                offices.size(), districtsByPostalCode.size(), placesByPostalCode.size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public RoutingResult route(String postalCode, String caseType, Competence competence, String municipalityHint,
            String field) {
        List<String> districts = districtsOf(postalCode, field);
        if (districts.size() == 1) {
            return routeToDistrict(postalCode, caseType, districts, districts.get(0), "postal code " + postalCode);
        }
        String spans = "postal code " + postalCode + " spans districts " + String.join(", ", districts);
        Optional<String> hinted = districtOfHint(postalCode, municipalityHint);
        if (hinted.isPresent()) {
            return routeToDistrict(postalCode, caseType, districts, hinted.get(),
                    spans + "; municipality " + municipalityHint.strip());
        }
        Set<Office> candidates = new TreeSet<>(Comparator.comparing(Office::id));
        for (String district : districts) {
            Office local = officeByDistrict.get(district);
            Optional<Office> central = centralOffice(local.land(), caseType);
            if (central.isEmpty() || central.get().optionalCentral()) {
                candidates.add(local);
            }
            central.ifPresent(candidates::add);
        }
        String unmatched = municipalityHint == null || municipalityHint.isBlank() ? ""
                : " (no place " + municipalityHint.strip() + " there)";
        if (candidates.size() == 1) {
            // Every district's Land hands this case type to the same mandatory central office.
            Office central = candidates.iterator().next();
            return new RoutingResult(postalCode, caseType, Optional.of(central), List.of(central), districts,
                    spans + " → " + centralReason(caseType, central));
        }
        return new RoutingResult(postalCode, caseType, Optional.empty(), List.copyOf(candidates), districts,
                spans + unmatched + ": candidates "
                        + candidates.stream().map(Office::name).collect(Collectors.joining(", ")));
    }

    @Override
    public Optional<Office> office(String officeId) {
        return Optional.ofNullable(officeId).map(offices::get);
    }

    /** Every office, central ones included, by ID. */
    public List<Office> offices() {
        return offices.values().stream().sorted(Comparator.comparing(Office::id)).toList();
    }

    /** Every postal code the register knows with a district, for checks over the whole file. */
    public Set<String> postalCodes() {
        return Set.copyOf(districtsByPostalCode.keySet());
    }

    private RoutingResult routeToDistrict(String postalCode, String caseType, List<String> districts,
            String district, String from) {
        Office local = officeByDistrict.get(district);
        String reason = from + " → district " + district + " → ";
        Optional<Office> central = centralOffice(local.land(), caseType);
        if (central.isEmpty()) {
            return new RoutingResult(postalCode, caseType, Optional.of(local), List.of(local), districts,
                    reason + local.name());
        }
        if (central.get().optionalCentral()) {
            return new RoutingResult(postalCode, caseType, Optional.of(local), List.of(local, central.get()),
                    districts, reason + local.name() + ", or the optional " + centralReason(caseType, central.get()));
        }
        return new RoutingResult(postalCode, caseType, central, List.of(central.get()), districts,
                reason + centralReason(caseType, central.get()));
    }

    private static String centralReason(String caseType, Office central) {
        return "central office for " + caseType + " in " + central.land() + ": " + central.name();
    }

    private Optional<Office> centralOffice(String land, String caseType) {
        return caseType == null ? Optional.empty()
                : Optional.ofNullable(centralOffices.getOrDefault(land, Map.of()).get(caseType));
    }

    private List<String> districtsOf(String postalCode, String field) {
        if (postalCode == null || !POSTAL_CODE.matcher(postalCode).matches()) {
            throw invalid(field, postalCode, "must be a German postal code of 5 digits");
        }
        List<String> districts = districtsByPostalCode.get(postalCode);
        if (districts != null) {
            return districts;
        }
        String place = placesWithoutDistrict.get(postalCode);
        if (place != null) {
            throw invalid(field, postalCode, "belongs to " + place + ", which lies in no German district: no German"
                    + " immigration office is competent");
        }
        throw invalid(field, postalCode, "is not a known German postal code");
    }

    /** The one district of this postal code the hint names a place in; empty when it names none, or places in several. */
    private Optional<String> districtOfHint(String postalCode, String hint) {
        if (hint == null || hint.isBlank()) {
            return Optional.empty();
        }
        Map<String, Set<String>> places = placesByPostalCode.getOrDefault(postalCode, Map.of());
        Set<String> districts = new LinkedHashSet<>();
        for (String key : PlaceNames.matchKeys(hint)) {
            districts.addAll(places.getOrDefault(key, Set.of()));
        }
        Set<String> offices = new HashSet<>();
        districts.forEach(d -> offices.add(officeByDistrict.get(d).id()));
        return offices.size() == 1 ? Optional.of(districts.iterator().next()) : Optional.empty();
    }

    private static ProblemException invalid(String field, String postalCode, String reason) {
        String shown = postalCode == null ? "(none)" : "'" + postalCode + "'";
        return new ProblemException(Problem.typed("invalid-postal-code", "Invalid postal code", 422,
                "Postal code " + shown + " " + reason)
                .withInvalidParams(List.of(new Problem.InvalidParam(field, shown + " " + reason))));
    }

    private static Map<String, Office> parseOffices(byte[] yaml) {
        OfficeFile file;
        try {
            file = new YAMLMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                    .readValue(yaml, OfficeFile.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + OFFICES, e);
        }
        Map<String, Office> byId = new HashMap<>();
        for (Office o : file.offices()) {
            if (o.id() == null || !OFFICE_ID.matcher(o.id()).matches() || o.name() == null || o.land() == null) {
                throw new IllegalStateException("Office without a valid id, name and land: " + o);
            }
            Office office = new Office(o.id(), o.name(), o.land(), listOrEmpty(o.districtKeys()),
                    listOrEmpty(o.centralFor()), o.optionalCentral());
            if (byId.put(office.id(), office) != null) {
                throw new IllegalStateException("Duplicate office ID " + office.id());
            }
        }
        return Map.copyOf(byId);
    }

    private static List<String> listOrEmpty(List<String> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    private static byte[] read(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    /** The shape of {@code offices.yaml}. */
    record OfficeFile(List<Office> offices) {
    }
}

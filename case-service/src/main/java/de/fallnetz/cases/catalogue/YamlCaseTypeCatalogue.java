package de.fallnetz.cases.catalogue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import de.fallnetz.cases.catalogue.CaseTypeVersion.Status;
import io.quarkus.runtime.Startup;

/**
 * The catalogue from the YAML files under {@code src/main/resources/catalogue/}, loaded and checked at start-up: a
 * bad file stops the service with a message naming it (see {@link CatalogueLoader}).
 */
@Startup
@ApplicationScoped
public class YamlCaseTypeCatalogue implements CaseTypeCatalogue {

    /** Offices work on German time: a case opened on a day in Germany gets that day's version and thresholds. */
    public static final ZoneId OFFICE_TIME = ZoneId.of("Europe/Berlin");

    private final Map<String, List<CatalogueEntry>> entries;
    private final List<Setting> settings;
    private final Map<String, List<String>> nationalityLists;
    private final Clock clock;

    @Inject
    public YamlCaseTypeCatalogue(CatalogueConfig config) {
        this(CatalogueLoader.DEFAULT_ROOT, config.nationalityLists(), config.settings(), Clock.system(OFFICE_TIME));
    }

    /**
     * @param root the classpath folder of the catalogue
     * @param nationalityLists the named nationality lists conditions may use
     * @param settings overrides of configurable values, by setting name
     * @param clock today, for the salary thresholds of {@link #validate(CaseTypeVersion, Map)}
     */
    public YamlCaseTypeCatalogue(String root, Map<String, List<String>> nationalityLists,
            Map<String, String> settings, Clock clock) {
        CatalogueLoader.Loaded loaded = new CatalogueLoader(root, nationalityLists.keySet(), settings).load();
        this.entries = loaded.entries();
        this.settings = loaded.settings();
        this.nationalityLists = Map.copyOf(nationalityLists);
        this.clock = clock;
    }

    @Override
    public List<String> codes() {
        return List.copyOf(entries.keySet());
    }

    @Override
    public List<CaseTypeVersion> versions(String code) {
        return entries(code).stream().map(CatalogueEntry::version).toList();
    }

    @Override
    public Optional<CaseTypeVersion> applicable(String code, LocalDate day) {
        return entries(code).stream().map(CatalogueEntry::version)
                .filter(v -> v.status() == Status.PUBLISHED && !v.validFrom().isAfter(day))
                .max(Comparator.comparing(CaseTypeVersion::validFrom));
    }

    /** The version that applies to a case opened today (German time). */
    public Optional<CaseTypeVersion> current(String code) {
        return applicable(code, LocalDate.now(clock));
    }

    @Override
    public Optional<CaseTypeVersion> version(String code, int version) {
        return entry(code, version).map(CatalogueEntry::version);
    }

    /** One version with the parts of its file that {@link CaseTypeVersion} does not carry. */
    public Optional<CatalogueEntry> entry(String code, int version) {
        return entries(code).stream().filter(e -> e.version().version() == version).findFirst();
    }

    /** Every entry of a code, oldest first; empty for an unknown code. */
    public List<CatalogueEntry> entries(String code) {
        return code == null ? List.of() : entries.getOrDefault(code, List.of());
    }

    /** The configurable values of the catalogue, one per place a file marks, with the value in effect. */
    public List<Setting> settings() {
        return settings;
    }

    @Override
    public boolean applies(Condition condition, Map<String, Object> application, String nationality) {
        if (condition == null) {
            return true;
        }
        Map<String, Object> data = application == null ? Map.of() : application;
        if (condition.always() != null) {
            return condition.always();
        }
        if (condition.field() != null) {
            Object value = data.get(condition.field());
            List<Object> wanted = condition.in() != null ? condition.in() : List.of(condition.equals());
            return value != null && wanted.stream().anyMatch(w -> same(w, value));
        }
        if (condition.nationalityIn() != null) {
            return nationality != null
                    && nationalityLists.getOrDefault(condition.nationalityIn(), List.of()).contains(nationality);
        }
        if (condition.allOf() != null) {
            return condition.allOf().stream().allMatch(c -> applies(c, data, nationality));
        }
        if (condition.anyOf() != null) {
            return condition.anyOf().stream().anyMatch(c -> applies(c, data, nationality));
        }
        if (condition.not() != null) {
            return !applies(condition.not(), data, nationality);
        }
        return true;
    }

    @Override
    public List<InvalidField> validate(CaseTypeVersion version, Map<String, Object> application) {
        return validate(version, application, LocalDate.now(clock));
    }

    /** As {@link #validate(CaseTypeVersion, Map)}, with the salary thresholds of the year of {@code day}. */
    public List<InvalidField> validate(CaseTypeVersion version, Map<String, Object> application, LocalDate day) {
        Optional<SalaryThresholds> thresholds = entry(version.code(), version.version())
                .flatMap(CatalogueEntry::thresholds);
        return ApplicationValidator.validate(version, thresholds, application, day);
    }

    /** Numbers compare by value (2 equals 2.0), everything else by its text. */
    private static boolean same(Object wanted, Object value) {
        if (wanted instanceof Number && value instanceof Number) {
            return new BigDecimal(wanted.toString()).compareTo(new BigDecimal(value.toString())) == 0;
        }
        return Objects.equals(String.valueOf(wanted), String.valueOf(value));
    }
}

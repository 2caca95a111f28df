package de.fallnetz.cases.catalogue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import de.fallnetz.cases.catalogue.CaseTypeVersion.Status;

/**
 * Writes docs/catalogue.md from the catalogue data: the generated table of the catalogue. {@link CatalogueDocsTest}
 * fails when the committed file is stale.
 */
final class CatalogueDocs {

    static final Path DOC = Path.of("../docs/catalogue.md");
    static final String WRITE_ENV = "CATALOGUE_DOCS_WRITE";

    private CatalogueDocs() {
    }

    static String generate() {
        Map<String, List<String>> lists = CatalogueFixtures.configuredNationalityLists();
        YamlCaseTypeCatalogue catalogue = new YamlCaseTypeCatalogue(CatalogueLoader.DEFAULT_ROOT, lists, Map.of(),
                Clock.systemUTC());
        StringBuilder md = new StringBuilder();
        md.append("# Case-type catalogue\n\n")
                .append("<!-- Generated from case-service/src/main/resources/catalogue/ by CatalogueDocs (case-service "
                        + "test sources); do not edit by hand. CatalogueDocsTest fails when this file is stale; "
                        + "rewrite it with:\n     " + WRITE_ENV + "=true ./mvnw -B -ntp -q -pl case-service -am test "
                        + "-Dtest=CatalogueDocsTest -Dsurefire.failIfNoSpecifiedTests=false -->\n\n")
                .append("Generated from the catalogue data in `case-service/src/main/resources/catalogue/`: one YAML "
                        + "file per case type version (`<CODE>/v<n>.yaml`), checked against "
                        + "`case-type.schema.json` at build time and at start-up. Rewrite this page with `" + WRITE_ENV
                        + "=true ./mvnw -B -ntp -q -pl case-service -am test -Dtest=CatalogueDocsTest "
                        + "-Dsurefire.failIfNoSpecifiedTests=false`.\n\n")
                .append("A version is a `DRAFT` until it is published with a `validFrom` day; then it is immutable "
                        + "(`published.lock` holds its SHA-256 and `PublishedLockTest` fails on any edit). A case "
                        + "keeps the version it was opened under; a case opened on or after a version's `validFrom` "
                        + "gets it. A policy change (no BA consent for a type, a contingent halved) is a new "
                        + "version, never a code change. The facts and their sources are in shared/domain.md, "
                        + "cited per case type and interaction as `domain §…`. Read it with "
                        + "`GET /case-types` and `GET /case-types/{code}/versions/{n}` (gateway: `/api/case-types…`)."
                        + "\n\n");
        md.append("## Case types\n\n")
                .append("| case type | versions | legal basis | opened by | competence | fees | domain |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (String code : catalogue.codes()) {
            CaseTypeVersion newest = newest(catalogue, code);
            md.append("| `").append(code).append("` ").append(newest.title()).append(" / ").append(newest.titleEn())
                    .append(newest.accelerated() ? " (§81a)" : "").append(" | ")
                    .append(catalogue.entries(code).stream().map(CatalogueDocs::versionLabel)
                            .collect(Collectors.joining("<br>")))
                    .append(" | ").append(newest.legalBasis())
                    .append(" | ").append(newest.openedBy().stream().map(Enum::name).collect(Collectors.joining(", ")))
                    .append(" | ").append(newest.competence())
                    .append(" | ").append(newest.fees().isEmpty() ? "none found (domain §2.9)"
                            : newest.fees().stream().map(f -> f.code() + " €" + euros(f.amountEur()) + " ("
                                    + f.legalBasis() + ")").collect(Collectors.joining("<br>")))
                    .append(" | ").append(newest.domainReference()).append(" |\n");
        }
        md.append("\n## Partner interactions\n\n")
                .append("Each interaction is requested when its condition holds for the case's application data and "
                        + "the applicant's nationality. The deadline runs from complete documents (domain §9); "
                        + "silence is what the interaction service records when it passes. Configurable amounts are "
                        + "marked ⚙ (see below).\n");
        for (String code : catalogue.codes()) {
            for (CatalogueEntry entry : catalogue.entries(code)) {
                CaseTypeVersion v = entry.version();
                md.append("\n### ").append(code).append(" v").append(v.version()).append(" (")
                        .append(versionLabel(entry).replaceFirst("^v[0-9]+ ", "")).append(")\n\n");
                if (entry.changeNote() != null) {
                    md.append("Change: ").append(entry.changeNote()).append("\n\n");
                }
                if (v.interactions().isEmpty()) {
                    md.append("No partner interactions.\n");
                    continue;
                }
                md.append("| kind | partner | when | deadline | silence | legal basis | domain |\n")
                        .append("|---|---|---|---|---|---|---|\n");
                for (int i = 0; i < v.interactions().size(); i++) {
                    InteractionRule r = v.interactions().get(i);
                    boolean configurable = configurable(catalogue, entry, "interactions[" + i + "].deadline.amount");
                    md.append("| ").append(r.kind()).append(" | ").append(r.partnerOrganisation())
                            .append(" | ").append(condition(r.when()))
                            .append(" | ").append(deadline(r.deadline().amount(), r.deadline().unit()))
                            .append(configurable ? " ⚙" : "")
                            .append(" | ").append(r.deadline().silence())
                            .append(" | ").append(r.legalBasis()).append("; deadline: ")
                            .append(r.deadline().legalBasis())
                            .append(" | ").append(r.domainReference()).append(" |\n");
                }
            }
        }
        md.append("\n## Application data\n\n")
                .append("A case of a type can only be opened with that type's fields: unknown fields and missing "
                        + "required ones are rejected, as are values of the wrong shape (text ≤ 200 characters "
                        + "without control characters, postal code of five digits, ISO dates, amounts ≥ 0 with at "
                        + "most two decimals, ISO 3166-1 alpha-3 countries, family members with familyName, "
                        + "givenNames, dateOfBirth, nationality and relationship SPOUSE or CHILD). Fields of the "
                        + "newest version; * = required.\n\n")
                .append("| case type | fields |\n|---|---|\n");
        for (String code : catalogue.codes()) {
            md.append("| `").append(code).append("` | ").append(newest(catalogue, code).fields().stream()
                    .map(f -> "`" + f.name() + "`" + (f.required() ? "*" : "") + " " + f.type()
                            + (f.allowed().isEmpty() ? "" : " " + String.join("\\|", f.allowed())))
                    .collect(Collectors.joining(", "))).append(" |\n");
        }
        md.append("\n## Salary thresholds\n\n| case type | year | bands | legal basis |\n|---|---|---|---|\n");
        for (String code : catalogue.codes()) {
            CatalogueEntry entry = catalogue.entries(code).get(catalogue.entries(code).size() - 1);
            entry.thresholds().ifPresent(t -> t.years().forEach(y -> md.append("| `").append(code).append("` | ")
                    .append(y.year()).append(" | ").append(y.bands().entrySet().stream()
                            .map(b -> b.getKey() + " €" + euros(b.getValue()))
                            .collect(Collectors.joining(", ")))
                    .append(" | ").append(y.legalBasis()).append(" |\n")));
        }
        md.append("\nA salary below the threshold of the band chosen in `").append("salaryBand")
                .append("` is rejected; the table of the application's year applies, or the newest before it.\n");
        md.append("\n## Configurable values\n\n")
                .append("Where shared/domain.md says UNVERIFIED or NOT FOUND, the catalogue file holds a default and "
                        + "names a setting; `fallnetz.catalogue.settings.<name>` overrides it (`CatalogueConfig`). "
                        + "An unknown setting name or a value of the wrong type stops start-up. A setting changes "
                        + "the value for every version that names it, including cases opened earlier: it corrects "
                        + "an unverified figure. A policy change is a new version.\n\n")
                .append("| setting | default | where | why |\n|---|---|---|---|\n");
        Map<String, List<Setting>> byName = catalogue.settings().stream()
                .collect(Collectors.groupingBy(Setting::name, TreeMap::new, Collectors.toList()));
        byName.forEach((name, places) -> md.append("| `").append(name).append("` | ")
                .append(plain(places.get(0).defaultValue())).append(" | ")
                .append(places.stream().map(Setting::where).collect(Collectors.joining("<br>"))).append(" | ")
                .append(places.get(0).why()).append(" |\n"));
        md.append("\nNationality lists (`fallnetz.catalogue.nationality-lists.<name>`, ISO 3166-1 alpha-3), named by "
                + "`nationalityIn` conditions:\n\n| list | default in application.properties | note |\n|---|---|---|\n");
        lists.forEach((name, codes) -> md.append("| `").append(name).append("` | ").append(String.join(", ", codes))
                .append(" | ").append("security-consultation".equals(name)
                        ? "**Placeholder.** Which nationalities need the consultation is classified (domain §1.5, "
                                + "§7 #3); each deployment must configure the real list."
                        : "")
                .append(" |\n"));
        md.append("\n## Not modelled\n\n")
                .append("- Blue Card employer change in the first 12 months: the 1-week BA period (Second check #2) "
                        + "is not a separate rule; `CHANGE_OF_EMPLOYER` asks the BA for §18a/§18b/§19c titles with "
                        + "2 weeks only. A version has one rule per interaction kind.\n")
                .append("- ABH consent to a visa (§31 AufenthV, domain §1.2) and the embassy steps: the catalogue "
                        + "covers the office's domestic cases; the §31a embassy periods of the accelerated "
                        + "procedure are parameters of `ACCELERATED_SKILLED_WORKER`, not interactions.\n")
                .append("- The Western Balkans contingent is a parameter the BA interaction service applies; the "
                        + "case service does not count it. Eligible nationalities are a parameter, not a check of "
                        + "the applicant's nationality.\n")
                .append("- Fees that depend on the outcome (e.g. `RESIDENCE_RESTRICTION_REMOVAL` only with a "
                        + "residence restriction) are listed with a note; no fee was found for a change of employer.\n");
        return md.toString();
    }

    private static String euros(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private static String plain(Object value) {
        return value instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : String.valueOf(value);
    }

    private static CaseTypeVersion newest(YamlCaseTypeCatalogue catalogue, String code) {
        List<CaseTypeVersion> versions = catalogue.versions(code);
        return versions.get(versions.size() - 1);
    }

    private static String versionLabel(CatalogueEntry entry) {
        CaseTypeVersion v = entry.version();
        return "v" + v.version() + " " + v.status()
                + (v.status() == Status.PUBLISHED || v.validFrom() != null ? " from " + v.validFrom() : "");
    }

    private static boolean configurable(YamlCaseTypeCatalogue catalogue, CatalogueEntry entry, String path) {
        String where = entry.file().substring(CatalogueLoader.DEFAULT_ROOT.length() + 1) + " " + path;
        return catalogue.settings().stream().anyMatch(s -> s.where().equals(where));
    }

    private static String deadline(int amount, String unit) {
        return "NONE".equals(unit) ? "none" : amount + " " + unit.toLowerCase().replace('_', ' ');
    }

    static String condition(Condition c) {
        if (c.always() != null) {
            return c.always() ? "always" : "never";
        }
        if (c.field() != null) {
            return c.in() != null
                    ? "`" + c.field() + "` in " + c.in().stream().map(String::valueOf).collect(Collectors.joining(", ",
                            "{", "}"))
                    : "`" + c.field() + "` = " + c.equals();
        }
        if (c.nationalityIn() != null) {
            return "nationality in list `" + c.nationalityIn() + "`";
        }
        if (c.allOf() != null) {
            return c.allOf().stream().map(CatalogueDocs::condition).collect(Collectors.joining(" and ", "(", ")"));
        }
        if (c.anyOf() != null) {
            return c.anyOf().stream().map(CatalogueDocs::condition).collect(Collectors.joining(" or ", "(", ")"));
        }
        return "not " + condition(c.not());
    }
}

package de.fallnetz.cases.catalogue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The case-type catalogue, loaded from the versioned data in {@code src/main/resources/catalogue/} at start-up
 * (validated against its JSON Schema; the build validates it too).
 */
public interface CaseTypeCatalogue {

    /** Every case type code in the catalogue. */
    List<String> codes();

    /** Every version of a case type, drafts included, oldest first; empty for an unknown code. */
    List<CaseTypeVersion> versions(String code);

    /** The published version that applies to a case opened on {@code day}: the newest valid from that day or before. */
    Optional<CaseTypeVersion> applicable(String code, LocalDate day);

    /** One version, published or draft. */
    Optional<CaseTypeVersion> version(String code, int version);

    /**
     * Whether {@code condition} applies to a case with this application data and applicant nationality.
     *
     * @param application the case's application data (field name to value as read from JSON)
     */
    boolean applies(Condition condition, Map<String, Object> application, String nationality);

    /** The interactions of {@code version} that a case with this application data and nationality needs. */
    default List<InteractionRule> requiredInteractions(CaseTypeVersion version, Map<String, Object> application,
            String nationality) {
        return version.interactions().stream().filter(r -> applies(r.when(), application, nationality)).toList();
    }

    /**
     * What is wrong with {@code application} for {@code version}: unknown fields, missing required ones, values of
     * the wrong type or out of range, as (field name, reason) pairs with names like {@code application.employer}.
     */
    List<InvalidField> validate(CaseTypeVersion version, Map<String, Object> application);

    record InvalidField(String name, String reason) {
    }
}

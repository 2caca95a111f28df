package de.fallnetz.cases.catalogue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import de.fallnetz.cases.catalogue.CaseTypeCatalogue.InvalidField;

/**
 * Checks a case's application data against the fields of its case type version, and a salary against the
 * version's yearly threshold table.
 */
final class ApplicationValidator {

    static final String PREFIX = "application.";
    static final int MAX_TEXT = 200;
    static final int MAX_FAMILY_MEMBERS = 20;
    private static final Pattern POSTAL_CODE = Pattern.compile("[0-9]{5}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{3}");
    private static final Pattern ISO_DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final List<String> FAMILY_MEMBER_FIELDS = List.of("familyName", "givenNames", "dateOfBirth",
            "nationality", "relationship");
    private static final List<String> RELATIONSHIPS = List.of("SPOUSE", "CHILD");

    private ApplicationValidator() {
    }

    /**
     * @param version the case type version
     * @param thresholds its salary thresholds, if any
     * @param application the application data; null counts as empty
     * @param day the day of the application, whose year picks the thresholds
     */
    static List<InvalidField> validate(CaseTypeVersion version, Optional<SalaryThresholds> thresholds,
            Map<String, Object> application, LocalDate day) {
        Map<String, Object> data = application == null ? Map.of() : application;
        List<InvalidField> invalid = new ArrayList<>();
        for (String name : new TreeSet<>(data.keySet())) {
            if (version.field(name).isEmpty()) {
                invalid.add(new InvalidField(PREFIX + name, "is not a field of case type " + version.code()
                        + " (version " + version.version() + ")"));
            }
        }
        for (FieldSpec field : version.fields()) {
            Object value = data.get(field.name());
            if (value == null || value instanceof String s && s.isBlank()) {
                if (field.required()) {
                    invalid.add(new InvalidField(PREFIX + field.name(), "is required for case type "
                            + version.code()));
                }
                continue;
            }
            problem(field, value).ifPresent(reason -> invalid.add(new InvalidField(PREFIX + field.name(), reason)));
        }
        if (invalid.isEmpty()) {
            thresholds.flatMap(t -> belowThreshold(t, data, day)).ifPresent(invalid::add);
        }
        return invalid;
    }

    private static Optional<String> problem(FieldSpec field, Object value) {
        return switch (field.type()) {
            case STRING -> text(value);
            case POSTAL_CODE -> matching(value, POSTAL_CODE, "must be a German postal code of five digits");
            case DATE -> date(value);
            case MONEY, INTEGER -> number(field, value);
            case BOOLEAN -> value instanceof Boolean ? Optional.empty() : Optional.of("must be true or false");
            case ENUM -> value instanceof String s && field.allowed().contains(s)
                    ? Optional.empty()
                    : Optional.of("must be one of " + field.allowed());
            case COUNTRY -> matching(value, COUNTRY, "must be an ISO 3166-1 alpha-3 code such as VNM");
            case FAMILY_MEMBERS -> familyMembers(value);
        };
    }

    private static Optional<String> text(Object value) {
        if (!(value instanceof String s)) {
            return Optional.of("must be text");
        }
        if (s.length() > MAX_TEXT) {
            return Optional.of("must be at most " + MAX_TEXT + " characters");
        }
        return s.chars().anyMatch(Character::isISOControl)
                ? Optional.of("must not contain control characters")
                : Optional.empty();
    }

    private static Optional<String> matching(Object value, Pattern pattern, String reason) {
        return value instanceof String s && pattern.matcher(s).matches() ? Optional.empty() : Optional.of(reason);
    }

    private static Optional<String> date(Object value) {
        if (value instanceof String s && ISO_DATE.matcher(s).matches()) {
            try {
                LocalDate.parse(s);
                return Optional.empty();
            } catch (DateTimeParseException e) {
                // falls through to the reason below
            }
        }
        return Optional.of("must be an ISO date such as 2026-03-17");
    }

    private static Optional<String> number(FieldSpec field, Object value) {
        boolean money = field.type() == FieldSpec.Type.MONEY;
        String kind = money ? "must be an amount in euros with at most two decimal places" : "must be a whole number";
        boolean finite = value instanceof Number && !(value instanceof Double d && (d.isNaN() || d.isInfinite()))
                && !(value instanceof Float f && (f.isNaN() || f.isInfinite()));
        if (!finite) {
            return Optional.of(kind);
        }
        BigDecimal number = new BigDecimal(value.toString());
        if (number.stripTrailingZeros().scale() > (money ? 2 : 0)) {
            return Optional.of(kind);
        }
        if (money && number.signum() < 0) {
            return Optional.of("must not be negative");
        }
        if (field.min() != null && number.compareTo(field.min()) < 0) {
            return Optional.of("must be at least " + shown(field.min(), money));
        }
        if (field.max() != null && number.compareTo(field.max()) > 0) {
            return Optional.of("must be at most " + shown(field.max(), money));
        }
        return Optional.empty();
    }

    private static String shown(BigDecimal number, boolean money) {
        return money ? number.setScale(2, RoundingMode.HALF_UP).toPlainString() : number.toPlainString();
    }

    private static Optional<String> familyMembers(Object value) {
        if (!(value instanceof List<?> members)) {
            return Optional.of("must be a list of family members");
        }
        if (members.size() > MAX_FAMILY_MEMBERS) {
            return Optional.of("must list at most " + MAX_FAMILY_MEMBERS + " family members");
        }
        for (int i = 0; i < members.size(); i++) {
            String at = "[" + i + "]";
            if (!(members.get(i) instanceof Map<?, ?> member)) {
                return Optional.of(at + " must be an object with " + FAMILY_MEMBER_FIELDS);
            }
            Set<String> unknown = new TreeSet<>();
            member.keySet().forEach(k -> unknown.add(String.valueOf(k)));
            unknown.removeAll(FAMILY_MEMBER_FIELDS);
            if (!unknown.isEmpty()) {
                return Optional.of(at + " has unknown fields " + unknown);
            }
            for (String name : FAMILY_MEMBER_FIELDS) {
                Object v = member.get(name);
                if (v == null || v instanceof String s && s.isBlank()) {
                    return Optional.of(at + "." + name + " is required");
                }
                Optional<String> problem = switch (name) {
                    case "dateOfBirth" -> date(v);
                    case "nationality" -> matching(v, COUNTRY, "must be an ISO 3166-1 alpha-3 code such as VNM");
                    case "relationship" -> v instanceof String s && RELATIONSHIPS.contains(s)
                            ? Optional.empty()
                            : Optional.of("must be one of " + RELATIONSHIPS);
                    default -> text(v);
                };
                if (problem.isPresent()) {
                    return Optional.of(at + "." + name + " " + problem.get());
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<InvalidField> belowThreshold(SalaryThresholds thresholds, Map<String, Object> data,
            LocalDate day) {
        Object salary = data.get(thresholds.field());
        Object band = data.get(thresholds.bandField());
        if (!(salary instanceof Number) || band == null) {
            return Optional.empty();
        }
        return thresholds.forYear(day.getYear()).flatMap(year -> {
            BigDecimal threshold = year.bands().get(String.valueOf(band));
            BigDecimal amount = new BigDecimal(salary.toString());
            if (threshold == null || amount.compareTo(threshold) >= 0) {
                return Optional.empty();
            }
            return Optional.of(new InvalidField(PREFIX + thresholds.field(), "must be at least "
                    + shown(threshold, true) + " EUR for " + thresholds.bandField() + " " + band + " in "
                    + year.year() + " (" + year.legalBasis() + ")"));
        });
    }
}

package de.fallnetz.cases.catalogue;

import java.math.BigDecimal;
import java.util.List;

/**
 * One field of the application data of a case type.
 *
 * @param name the field name in {@code application}, e.g. {@code grossAnnualSalaryEur}
 * @param type its type
 * @param required whether a case cannot be opened without it
 * @param label German label, for the clerks' form
 * @param min smallest value ({@code MONEY}, {@code INTEGER}); may be null
 * @param max largest value; may be null
 * @param allowed the allowed values of an {@code ENUM} field; empty otherwise
 * @param personal whether it is personal data (audited when read, erased after retention)
 */
public record FieldSpec(String name, Type type, boolean required, String label, BigDecimal min, BigDecimal max,
        List<String> allowed, boolean personal) {

    public enum Type {
        /** Free text up to 200 characters. */
        STRING,
        /** A German postal code: five digits. */
        POSTAL_CODE,
        /** An ISO date. */
        DATE,
        /** An amount in euros. */
        MONEY,
        INTEGER,
        BOOLEAN,
        /** One of {@link FieldSpec#allowed()}. */
        ENUM,
        /** An ISO 3166-1 alpha-3 code. */
        COUNTRY,
        /** A list of family members: objects with familyName, givenNames, dateOfBirth, nationality, relationship. */
        FAMILY_MEMBERS
    }
}

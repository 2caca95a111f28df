package de.fallnetz.cases.catalogue;

import java.math.BigDecimal;

/**
 * A fee of a case type.
 *
 * @param code e.g. {@code ISSUE}, {@code EXTENSION}, {@code ACCELERATED_PROCEDURE}
 * @param amountEur the amount in euros
 * @param legalBasis e.g. {@code §45 AufenthV}
 * @param note when it is due or refunded; may be null
 */
public record Fee(String code, BigDecimal amountEur, String legalBasis, String note) {
}

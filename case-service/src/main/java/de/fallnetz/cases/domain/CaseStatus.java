package de.fallnetz.cases.domain;

import static de.fallnetz.cases.domain.CaseCommand.ACCEPT_TRANSFER;
import static de.fallnetz.cases.domain.CaseCommand.ASSIGN;
import static de.fallnetz.cases.domain.CaseCommand.CHOOSE_OFFICE;
import static de.fallnetz.cases.domain.CaseCommand.CLOSE;
import static de.fallnetz.cases.domain.CaseCommand.DECIDE;
import static de.fallnetz.cases.domain.CaseCommand.RECORD_HEARING;
import static de.fallnetz.cases.domain.CaseCommand.REQUEST_DOCUMENTS;
import static de.fallnetz.cases.domain.CaseCommand.SUPPLY_INFORMATION;
import static de.fallnetz.cases.domain.CaseCommand.TICK;
import static de.fallnetz.cases.domain.CaseCommand.TRANSFER;
import static de.fallnetz.cases.domain.CaseCommand.UNTICK;
import static de.fallnetz.cases.domain.CaseCommand.WITHDRAW;

import java.util.EnumSet;
import java.util.Set;

/**
 * The lifecycle of a case (domain §3) and the clerk commands each status allows. The transitions themselves are in
 * {@link CaseLifecycle}; a command not listed here answers 409 with the list of the allowed ones.
 */
public enum CaseStatus {

    /** The postal code spans several districts: a clerk chooses the competent office among the candidates. */
    WAITING_FOR_JURISDICTION(CHOOSE_OFFICE, ASSIGN, WITHDRAW),
    RECEIVED(ASSIGN, TICK, UNTICK, REQUEST_DOCUMENTS, WITHDRAW, TRANSFER),
    COMPLETENESS_CHECK(ASSIGN, TICK, UNTICK, REQUEST_DOCUMENTS, WITHDRAW, TRANSFER),
    /** Statutory clocks do not start before the documents are complete. */
    DOCUMENTS_REQUESTED(ASSIGN, TICK, UNTICK, REQUEST_DOCUMENTS, WITHDRAW, TRANSFER),
    CONSULTATIONS_RUNNING(ASSIGN, TICK, UNTICK, SUPPLY_INFORMATION, WITHDRAW, TRANSFER),
    READY_FOR_DECISION(ASSIGN, TICK, UNTICK, RECORD_HEARING, DECIDE, WITHDRAW, TRANSFER),
    /** The applicant was heard before a refusal (§28 VwVfG); only from here can a case be refused. */
    HEARING(ASSIGN, DECIDE, WITHDRAW, TRANSFER),
    DECIDED(CLOSE),
    CLOSED,
    WITHDRAWN,
    /**
     * Handed to another office; that office accepts it (the command, or its acceptance through office-transfer) and
     * goes on with the same case ID, or, when it is not competent, transfers it on or back.
     */
    TRANSFERRED(ACCEPT_TRANSFER, TRANSFER);

    private final Set<CaseCommand> allowed;

    CaseStatus(CaseCommand... allowed) {
        this.allowed = allowed.length == 0 ? EnumSet.noneOf(CaseCommand.class) : EnumSet.of(allowed[0], allowed);
    }

    public Set<CaseCommand> allowed() {
        return allowed;
    }

    public boolean allows(CaseCommand command) {
        return allowed.contains(command);
    }

    /** Before the case is complete: ticking the last checklist item requests the partner interactions. */
    public boolean beforeConsultations() {
        return this == RECEIVED || this == COMPLETENESS_CHECK || this == DOCUMENTS_REQUESTED;
    }

    /** Whether the case is still being worked on (counts in the backlog). */
    public boolean open() {
        return this != DECIDED && this != CLOSED && this != WITHDRAWN;
    }
}

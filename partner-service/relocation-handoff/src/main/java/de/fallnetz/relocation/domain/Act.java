package de.fallnetz.relocation.domain;

import de.fallnetz.interactions.domain.PartnerAct;

/** What a power of attorney lets its holder do for the applicant. */
public enum Act {
    /** Submit applications and documents (upload to a hand-off). */
    FILE,
    /** Receive the office's documents and requests (see the hand-off and its data). */
    RECEIVE_DOCUMENTS,
    /** Answer the office's requests. */
    ANSWER;

    /** The act a call on the partner API needs. */
    public static Act of(PartnerAct act) {
        return switch (act) {
            case READ -> RECEIVE_DOCUMENTS;
            case ANSWER -> ANSWER;
            case FILE -> FILE;
        };
    }
}

package de.fallnetz.notifications;

import java.util.List;

import de.fallnetz.devstack.PartnerTokens;

/** The internal tokens the gateway forwards for signed-in clerks. */
final class Clerks {

    /** The office of the sample events (contracts' samples). */
    static final String SAMPLE_OFFICE = "abh-berlin";

    private Clerks() {
    }

    static String of(String office) {
        return PartnerTokens.shared().mintUser("anna", List.of("clerk"), office);
    }

    static String ofSampleOffice() {
        return of(SAMPLE_OFFICE);
    }
}

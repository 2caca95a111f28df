package de.fallnetz.cases.domain;

/** The clerk commands on a case; the REST path segment of each is {@link #path()}. */
public enum CaseCommand {

    ASSIGN("assignment"),
    TICK("tick"),
    UNTICK("untick"),
    REQUEST_DOCUMENTS("document-requests"),
    SUPPLY_INFORMATION("information"),
    RECORD_HEARING("hearing"),
    DECIDE("decision"),
    WITHDRAW("withdrawal"),
    TRANSFER("transfer"),
    ACCEPT_TRANSFER("transfer-acceptance"),
    CHOOSE_OFFICE("office"),
    CLOSE("closure"),
    /** After a grant: the residence permit card can be collected; allowed once (see {@link CaseEntity#commands()}). */
    CARD_READY("card-ready");

    private final String path;

    CaseCommand(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }
}

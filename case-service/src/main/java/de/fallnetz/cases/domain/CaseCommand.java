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
    CLOSE("closure");

    private final String path;

    CaseCommand(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }
}

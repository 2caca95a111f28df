package de.fallnetz.contracts.events;

/**
 * The data of a CloudEvent exchanged between services. The envelope (id, type, source, time, subject) travels as
 * CloudEvents attributes, not in this payload; the subject is always {@link #caseId()}.
 */
public sealed interface FallnetzEvent permits CaseOpened, PartnerCaseRegistered, NotificationRecorded, CaseStatusChanged,
        DocumentsRequested, CaseDecided, CardReadyForPickup, CaseTransferred, InteractionEvent, PowerOfAttorneyGranted,
        PowerOfAttorneyRevoked, PowerOfAttorneyExpired {

    String caseId();
}

package de.fallnetz.contracts.events;

import java.util.Arrays;
import java.util.Optional;

/**
 * The catalogue of event types: CloudEvents {@code type} (reverse-DNS, past tense), the topic it travels on, its data
 * record and its JSON Schema. A new event needs a line here, a schema, a sample and an AsyncAPI message.
 */
public enum EventType {

    CASE_OPENED("de.fallnetz.case.opened", Topics.CASE_EVENTS, CaseOpened.class),
    PARTNER_CASE_REGISTERED("de.fallnetz.partner.case-registered", Topics.PARTNER_EVENTS, PartnerCaseRegistered.class),
    NOTIFICATION_RECORDED("de.fallnetz.notification.recorded", Topics.NOTIFICATION_EVENTS, NotificationRecorded.class),
    CASE_STATUS_CHANGED("de.fallnetz.case.status-changed", Topics.CASE_EVENTS, CaseStatusChanged.class),
    CASE_DOCUMENTS_REQUESTED("de.fallnetz.case.documents-requested", Topics.CASE_EVENTS, DocumentsRequested.class),
    CASE_INTERACTION_REQUESTED("de.fallnetz.case.interaction-requested", Topics.CASE_EVENTS, InteractionRequested.class),
    CASE_INFORMATION_SUPPLIED("de.fallnetz.case.information-supplied", Topics.CASE_EVENTS, InformationSupplied.class),
    CASE_INTERACTION_CANCELLED("de.fallnetz.case.interaction-cancelled", Topics.CASE_EVENTS, InteractionCancelled.class),
    CASE_DECIDED("de.fallnetz.case.decided", Topics.CASE_EVENTS, CaseDecided.class),
    CASE_CARD_READY_FOR_PICKUP("de.fallnetz.case.card-ready-for-pickup", Topics.CASE_EVENTS, CardReadyForPickup.class),
    CASE_TRANSFERRED("de.fallnetz.case.transferred", Topics.CASE_EVENTS, CaseTransferred.class),
    INTERACTION_DELIVERED("de.fallnetz.interaction.delivered", Topics.PARTNER_EVENTS, InteractionDelivered.class),
    INTERACTION_CLAIMED("de.fallnetz.interaction.claimed", Topics.PARTNER_EVENTS, InteractionClaimed.class),
    INTERACTION_INFORMATION_REQUESTED("de.fallnetz.interaction.information-requested", Topics.PARTNER_EVENTS, InteractionInformationRequested.class),
    INTERACTION_ANSWERED("de.fallnetz.interaction.answered", Topics.PARTNER_EVENTS, InteractionAnswered.class),
    INTERACTION_DEEMED_GRANTED("de.fallnetz.interaction.deemed-granted", Topics.PARTNER_EVENTS, InteractionDeemedGranted.class),
    INTERACTION_ESCALATED("de.fallnetz.interaction.escalated", Topics.PARTNER_EVENTS, InteractionEscalated.class),
    INTERACTION_CANCELLED("de.fallnetz.interaction.cancelled", Topics.PARTNER_EVENTS, InteractionCancellationConfirmed.class),
    INTERACTION_EXPIRED("de.fallnetz.interaction.expired", Topics.PARTNER_EVENTS, InteractionExpired.class),
    POWER_OF_ATTORNEY_GRANTED("de.fallnetz.partner.power-of-attorney-granted", Topics.PARTNER_EVENTS, PowerOfAttorneyGranted.class),
    POWER_OF_ATTORNEY_REVOKED("de.fallnetz.partner.power-of-attorney-revoked", Topics.PARTNER_EVENTS, PowerOfAttorneyRevoked.class),
    POWER_OF_ATTORNEY_EXPIRED("de.fallnetz.partner.power-of-attorney-expired", Topics.PARTNER_EVENTS, PowerOfAttorneyExpired.class);

    /** Version of the data schema; a change no existing consumer can read needs a new type, not a new version. */
    public static final int SCHEMA_VERSION = 1;

    private final String type;
    private final String topic;
    private final Class<? extends FallnetzEvent> dataClass;

    EventType(String type, String topic, Class<? extends FallnetzEvent> dataClass) {
        this.type = type;
        this.topic = topic;
        this.dataClass = dataClass;
    }

    public String type() {
        return type;
    }

    public String topic() {
        return topic;
    }

    public Class<? extends FallnetzEvent> dataClass() {
        return dataClass;
    }

    /** Classpath location of the JSON Schema of the data. */
    public String schemaResource() {
        return "/schemas/" + type + ".json";
    }

    /** The CloudEvents {@code dataschema} attribute. */
    public String dataSchema() {
        return "urn:fallnetz:schema:" + type + ":" + SCHEMA_VERSION;
    }

    public static Optional<EventType> ofType(String type) {
        return Arrays.stream(values()).filter(t -> t.type.equals(type)).findFirst();
    }

    public static EventType of(FallnetzEvent event) {
        return Arrays.stream(values()).filter(t -> t.dataClass == event.getClass()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Not in the catalogue: " + event.getClass()));
    }
}

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
    NOTIFICATION_RECORDED("de.fallnetz.notification.recorded", Topics.NOTIFICATION_EVENTS, NotificationRecorded.class);

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

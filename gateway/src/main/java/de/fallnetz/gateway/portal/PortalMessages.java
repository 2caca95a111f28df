package de.fallnetz.gateway.portal;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts of the partner portal, German first; English in {@code messages/portal_en.properties}. Templates use
 * them as {@code {portal:key}}; the page's locale picks the language (the clerk pages' {@code UiLocale}).
 */
@MessageBundle(value = "portal", locale = "de")
public interface PortalMessages {

    @Message("Fallnetz – Partnerportal")
    String app_title();

    @Message("Zum Inhalt springen")
    String skip_to_content();

    @Message("Portalnavigation")
    String nav_label();

    @Message("Posteingang")
    String inbox();

    @Message("English")
    String other_language();

    @Message("en")
    String other_language_code();

    @Message("Sprache wechseln: English")
    String switch_language();

    @Message("Angemeldet als {name}, {org}")
    String signed_in_as(String name, String org);

    @Message("Abmelden")
    String sign_out();

    @Message("Gestaltung")
    String design();

    @Message("Anfragen an Ihre Organisation, die nächste Frist zuerst.")
    String inbox_intro();

    @Message("{#if count == 1}1 offene Anfrage{#else}{count} offene Anfragen{/if}")
    String open_requests(int count);

    @Message("Keine offenen Anfragen.")
    String no_requests();

    @Message("Nicht erreichbar, Anfragen von dort fehlen: {services}")
    String unreachable(String services);

    @Message("Anfrage")
    String request();

    @Message("Art")
    String kind_label();

    @Message("Fallzeichen")
    String case_reference();

    @Message("Fallart")
    String case_type();

    @Message("Ausländerbehörde")
    String office();

    @Message("Stand")
    String state_label();

    @Message("Frist")
    String deadline();

    @Message("Eingegangen")
    String requested_at();

    @Message("Bearbeitet von")
    String claimed_by();

    @Message("Frist überschritten")
    String overdue();

    @Message("Was gefragt ist")
    String what_is_asked();

    @Message("Keine weiteren Angaben.")
    String no_data();

    @Message("Übernehmen")
    String claim();

    @Message("Die Anfrage selbst bearbeiten; andere in Ihrer Organisation sehen, wer sie übernommen hat.")
    String claim_hint();

    @Message("Antworten")
    String answer();


    @Message("Bitte wählen")
    String choose();




    @Message("Antwort senden")
    String send_answer();

    @Message("Die Antwort wurde nicht angenommen. Bitte prüfen Sie die markierten Felder.")
    String answer_refused();

    @Message("Ihre Antwort")
    String your_answer();

    @Message("Dokumente")
    String documents();

    @Message("Keine Dokumente.")
    String no_documents();

    @Message("Dokument hochladen (PDF)")
    String upload();

    @Message("PDF-Datei, höchstens 10 MiB")
    String upload_hint();

    @Message("Die Datei ist größer als 10 MiB und wurde nicht übernommen.")
    String upload_too_large();

    @Message("Pflichtfeld")
    String required();

    @Message("Eine Angabe je Zeile.")
    String one_per_line();

    @Message("Pflicht bei: {outcomes}.")
    String required_for(String outcomes);

    @Message("Wenn angegeben, dann mit: {fields}.")
    String required_within(String fields);

    @Message("{name} {n} von {of}")
    String row(String name, int n, int of);

    @Message("Weitere Angaben")
    String answer_details();

    @Message("Hochladen")
    String upload_button();

    @Message("Erledigt: {what}")
    String done(String what);

    @Message("Fehler")
    String error_title();

    @Message("Zurück zum Posteingang")
    String back_to_inbox();

    @Message("{#when status}{#is 404}Diese Anfrage gibt es für Ihre Organisation nicht.{#is 503}Der Dienst ist gerade nicht"
            + " erreichbar. Bitte versuchen Sie es später noch einmal.{#else}Die Anfrage konnte nicht bearbeitet werden."
            + "{/when}")
    String error_text(int status);

    @Message("{#when kind}{#is 'RELOCATION_HANDOFF'}Übergabe an Bevollmächtigte{#is 'WELCOME_CENTER'}Mitteilung an das"
            + " Welcome Center{#is 'BA_CONSENT'}Zustimmung der BA{#is 'BA_PRE_APPROVAL'}Vorabzustimmung der BA"
            + "{#is 'RECOGNITION'}Anerkennung{#is 'SECURITY_CHECK'}Sicherheitsabfrage{#is 'INTEGRATION_COURSE'}"
            + "Integrationskurs{#is 'REGISTRATION_OFFICE'}Meldebehörde{#is 'SOCIAL_BENEFITS'}Sozialleistungsträger"
            + "{#is 'SCHENGEN_CONSULTATION'}Schengen-Konsultation{#is 'OFFICE_HANDOVER'}Übergabe an die aufnehmende"
            + " Ausländerbehörde{#is 'OFFICE_TRANSFER'}Aktenanforderung der aufnehmenden Ausländerbehörde"
            + "{#else}{kind}{/when}")
    String kind(String kind);

    @Message("{#when state}{#is 'DELIVERED'}Zugestellt{#is 'CLAIMED'}Übernommen{#is 'INFORMATION_REQUESTED'}Rückfrage"
            + " gestellt{#is 'ESCALATED'}Eskaliert{#is 'ANSWERED'}Beantwortet{#is 'DEEMED_GRANTED'}Als erteilt"
            + " geltend{#is 'CANCELLED'}Zurückgezogen{#is 'EXPIRED'}Abgelaufen{#else}{state}{/when}")
    String state(String state);

}

package de.fallnetz.gateway.ui;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts of the clerks' web application, German first; English in {@code messages/msg_en.properties}. Templates
 * use them as {@code {msg:key}}; the page's locale picks the language (see {@link UiLocale}).
 */
@MessageBundle(value = "msg", locale = "de")
public interface UiMessages {

    @Message("Fallnetz – Sachbearbeitung")
    String app_title();

    @Message("Zum Inhalt springen")
    String skip_to_content();

    @Message("Gestaltung")
    String design();

    @Message("Hauptnavigation")
    String nav_label();

    @Message("Arbeitsliste")
    String nav_worklist();

    @Message("Fall anlegen")
    String nav_new_case();

    @Message("Suche")
    String nav_search();

    @Message("Team-Übersicht")
    String nav_team();

    @Message("English")
    String other_language();

    @Message("en")
    String other_language_code();

    @Message("Sprache wechseln: English")
    String switch_language();

    @Message("Angemeldet als {name}, {office}")
    String signed_in_as(String name, String office);

    @Message("Abmelden")
    String sign_out();

    @Message("Benachrichtigungen")
    String notifications();

    @Message("Keine Benachrichtigungen")
    String no_notifications();

    @Message("Neue Benachrichtigung: {text}")
    String new_notification(String text);

    @Message("Arbeitsliste")
    String worklist_title();

    @Message("Ansicht")
    String view_label();

    @Message("Meine Fälle")
    String view_mine();

    @Message("Meine Behörde")
    String view_office();

    @Message("Nicht zugewiesen")
    String view_unassigned();

    @Message("Filter")
    String filters();

    @Message("Status")
    String filter_status();

    @Message("Alle")
    String filter_all();

    @Message("Nur überfällige Fälle")
    String filter_overdue();

    @Message("Name oder Aktenzeichen")
    String filter_text();

    @Message("Filter anwenden")
    String filter_apply();

    @Message("Aktenzeichen")
    String col_case();

    @Message("Antragsteller/in")
    String col_applicant();

    @Message("Verfahren")
    String col_type();

    @Message("Status")
    String col_status();

    @Message("Zuständig")
    String col_assignee();

    @Message("Nächste Frist")
    String col_deadline();

    @Message("Überfällig")
    String overdue();

    @Message("Zustimmung fingiert")
    String deemed_consent();

    @Message("Keine Fälle gefunden.")
    String no_cases();

    @Message("Fälle je Status")
    String counts();

    @Message("Weitere Fälle")
    String next_page();

    @Message("Ihrem Konto ist keine Ausländerbehörde zugeordnet. Bitte wenden Sie sich an die Administration.")
    String no_office();

    @Message("Fall {caseId}")
    String case_title(String caseId);

    @Message("Antragsteller/in")
    String applicant();

    @Message("Familienname")
    String family_name();

    @Message("Vornamen")
    String given_names();

    @Message("Geburtsdatum")
    String date_of_birth();

    @Message("Staatsangehörigkeit (ISO-Code, z. B. VNM)")
    String nationality();

    @Message("Bevorzugte Sprache (z. B. de, en, vi)")
    String preferred_language();

    @Message("AZR-Nummer")
    String azr();

    @Message("Antrag gestellt durch")
    String opened_by();

    @Message("{#when who}{#is 'EMPLOYER'}Arbeitgeber{#is 'REPRESENTATIVE'}Bevollmächtigte Stelle{#else}Antragsteller/in{/when}")
    String opened_by_value(String who);

    @Message("Im Auftrag von")
    String on_behalf_of();

    @Message("Zuständigkeit")
    String routing();

    @Message("Zuständige Behörde")
    String office();

    @Message("Begründung der Zuständigkeit")
    String routing_reason();

    @Message("Antragsdaten")
    String application();

    @Message("Verlauf über alle Stellen")
    String timeline();

    @Message("Aktualisiert sich selbst (Live-Verbindung), sobald eine Stelle antwortet.")
    String timeline_live();

    @Message("{count} neue Einträge im Verlauf.")
    String timeline_news(int count);

    @Message("Der Fall hat sich geändert. Laden Sie die Seite neu, um die nächsten Schritte zu sehen.")
    String case_changed();

    @Message("Seite neu laden")
    String reload();

    @Message("Beteiligte Stellen")
    String interactions();

    @Message("Stelle")
    String partner();

    @Message("Stand")
    String state();

    @Message("Frist")
    String deadline();

    @Message("Wenn die Stelle schweigt")
    String silence();

    @Message("Noch keine Stelle beteiligt: Das geschieht, sobald die Checkliste vollständig ist.")
    String no_interactions();

    @Message("Checkliste")
    String checklist();

    @Message("Abhaken: {title}")
    String tick(String title);

    @Message("Abhaken")
    String tick_button();

    @Message("Erledigt")
    String ticked();

    @Message("Offen")
    String not_ticked();

    @Message("Dokumente")
    String documents();

    @Message("Noch keine Dokumente.")
    String no_documents();

    @Message("{name} herunterladen (PDF)")
    String download(String name);

    @Message("Nächste Schritte")
    String commands();

    @Message("Für diesen Fall sind keine weiteren Schritte möglich.")
    String no_commands();

    @Message("Mir zuweisen")
    String assign_to_me();

    @Message("Zuweisen an (Benutzerkennung)")
    String assignee();

    @Message("Zuweisen")
    String assign();

    @Message("Unterlagen anfordern")
    String request_documents();

    @Message("Fehlende Unterlagen")
    String missing_items();

    @Message("Hinweis an die antragstellende Person")
    String note();

    @Message("Anhörung erfassen")
    String hearing();

    @Message("Angehört am")
    String heard_at();

    @Message("Stellungnahme")
    String statement();

    @Message("Entscheiden")
    String decide();

    @Message("Ergebnis")
    String outcome();

    @Message("{#when outcome}{#is 'GRANTED'}Erteilung{#is 'REFUSED'}Ablehnung{#else}{outcome}{/when}")
    String outcome_value(String outcome);

    @Message("Begründung")
    String reasons();

    @Message("Rechtsgrundlage")
    String legal_basis();

    @Message("Nebenbestimmungen (eine je Zeile)")
    String conditions();

    @Message("Vorschau des Bescheids")
    String preview();

    @Message("Bescheid erlassen")
    String confirm_decision();

    @Message("Vorgeschlagen")
    String proposed();

    @Message("Rücknahme erfassen")
    String withdraw();

    @Message("Grund")
    String reason();

    @Message("Abgeben an eine andere Behörde")
    String transfer();

    @Message("Behörde (Kennung, z. B. abh-muenchen)")
    String to_office();

    @Message("Postleitzahl")
    String postal_code();

    @Message("Zuständige Behörde wählen")
    String choose_office();

    @Message("Übernehmen")
    String accept_transfer();

    @Message("Abschließen")
    String close_case();

    @Message("Karte liegt zur Abholung bereit")
    String card_ready();

    @Message("Hinweis zur Abholung (Raum, Zeiten, Termin)")
    String pickup_note();

    @Message("Frist (ohne Angabe 14 Tage)")
    String due_date();

    @Message("Erledigt: {what}")
    String done(String what);

    @Message("Das hat nicht geklappt")
    String error_title();

    @Message("Fall anlegen")
    String new_case_title();

    @Message("Verfahren")
    String case_type();

    @Message("Fall anlegen")
    String open_case();

    @Message("Mögliche Behörden")
    String candidates();

    @Message("Die Postleitzahl umfasst mehrere Kreise: Bitte eine Behörde wählen.")
    String ambiguous();

    @Message("Pflichtfeld")
    String required();

    @Message("Ja")
    String yes();

    @Message("Suche")
    String search_title();

    @Message("Familienname (Anfang) oder Aktenzeichen")
    String search_hint();

    @Message("Suchen")
    String search();

    @Message("{count} Treffer")
    String hits(int count);

    @Message("Geburtsdatum (genau)")
    String search_dob();

    @Message("Familienname, Aktenzeichen oder Geburtsdatum: mindestens eines davon.")
    String search_either();

    @Message("Das Geburtsdatum ist kein gültiges Datum (JJJJ-MM-TT).")
    String invalid_date();

    @Message("Kennzahlen der Behörde")
    String figures();

    @Message("Offene Fälle überfällig")
    String figure_overdue();

    @Message("Eröffnet in den letzten 30 Tagen")
    String figure_opened();

    @Message("Entschieden in den letzten 30 Tagen")
    String figure_decided();

    @Message("Fiktive Zustimmungen in offenen Fällen")
    String figure_deemed();

    @Message("Fiktive Zustimmungen in den letzten 30 Tagen")
    String figure_deemed_recent();

    @Message("Team-Übersicht")
    String team_title();

    @Message("Rückstand je Sachbearbeiter/in")
    String backlog_per_clerk();

    @Message("Sachbearbeiter/in")
    String clerk();

    @Message("Offene Fälle")
    String open_cases();

    @Message("Davon überfällig")
    String overdue_cases();

    @Message("Überfällige Fälle")
    String overdue_list();

    @Message("Diese Übersicht ist Teamleitungen vorbehalten.")
    String team_only();

    @Message("{#when state}{#is 'REQUESTED'}Angefragt{#is 'DELIVERED'}Zugestellt{#is 'CLAIMED'}In Bearbeitung"
            + "{#is 'INFORMATION_REQUESTED'}Rückfrage{#is 'INFORMATION_SUPPLIED'}Rückfrage beantwortet"
            + "{#is 'ANSWERED'}Beantwortet{#is 'DEEMED_GRANTED'}Zustimmung fingiert{#is 'ESCALATED'}Eskaliert"
            + "{#is 'CANCELLING'}Wird zurückgezogen{#is 'CANCELLED'}Zurückgezogen{#is 'EXPIRED'}Frist abgelaufen"
            + "{#else}{state}{/when}")
    String interaction_state(String state);

    @Message("bindend")
    String binding();

    @Message("{#when status}{#is 'WAITING_FOR_JURISDICTION'}Zuständigkeit offen{#is 'RECEIVED'}Eingegangen"
            + "{#is 'COMPLETENESS_CHECK'}Vollständigkeitsprüfung{#is 'DOCUMENTS_REQUESTED'}Unterlagen angefordert"
            + "{#is 'CONSULTATIONS_RUNNING'}Beteiligungen laufen{#is 'READY_FOR_DECISION'}Entscheidungsreif"
            + "{#is 'HEARING'}Anhörung{#is 'DECIDED'}Entschieden{#is 'CLOSED'}Abgeschlossen{#is 'WITHDRAWN'}Zurückgenommen"
            + "{#is 'TRANSFERRED'}Abgegeben{#else}{status}{/when}")
    String status(String status);
}

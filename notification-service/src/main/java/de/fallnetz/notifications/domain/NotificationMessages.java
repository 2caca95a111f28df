package de.fallnetz.notifications.domain;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** Texts of the notifications; German here, other languages in {@code messages/msg_<lang>.properties}. */
@MessageBundle(locale = "de")
public interface NotificationMessages {

    @Message("Ihr Antrag ist eingegangen")
    String caseReceiptSubject();

    @Message("Ihr Antrag ({caseType}) ist bei der Ausländerbehörde {officeId} eingegangen. Ihr Aktenzeichen lautet {caseId}. Bitte geben Sie es bei jeder Nachfrage an.")
    String caseReceiptBody(String caseType, String officeId, String caseId);
}

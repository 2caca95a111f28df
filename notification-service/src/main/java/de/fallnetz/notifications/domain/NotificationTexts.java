package de.fallnetz.notifications.domain;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import de.fallnetz.notifications.config.NotificationConfig;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;

/** Picks the language of a notification and renders its texts. */
@ApplicationScoped
public class NotificationTexts {

    /** Languages we have texts in: the bundle's default and every {@code messages/msg_<lang>.properties}. */
    public static final Set<String> LANGUAGES = Set.of("de", "en");

    public record Text(String language, String subject, String body) {
    }

    private final NotificationConfig config;

    public NotificationTexts(NotificationConfig config) {
        if (!LANGUAGES.contains(config.defaultLanguage())) {
            throw new IllegalStateException("fallnetz.notifications.default-language=" + config.defaultLanguage()
                    + " has no texts; use one of " + LANGUAGES);
        }
        this.config = config;
    }

    /** The preferred language if we have texts in it (or in its base language, pt for pt-BR), else the default. */
    public String languageFor(String preferred) {
        String base = preferred == null ? "" : preferred.split("-")[0].toLowerCase();
        return LANGUAGES.contains(base) ? base : config.defaultLanguage();
    }

    public Text caseReceipt(String preferredLanguage, String caseType, String officeId, String caseId) {
        String language = languageFor(preferredLanguage);
        NotificationMessages m = MessageBundles.get(NotificationMessages.class, Localized.Literal.of(language));
        return new Text(language, m.caseReceiptSubject(), m.caseReceiptBody(caseType, officeId, caseId));
    }
}

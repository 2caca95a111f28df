package de.fallnetz.gateway.ui;

import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * The language of a page: the clerk's choice (a cookie set by the language switch), else the browser's
 * {@code Accept-Language}, else German.
 */
@RequestScoped
public class UiLocale {

    static final String COOKIE = "fallnetz_lang";
    static final List<String> SUPPORTED = List.of("de", "en");

    private final HttpHeaders headers;

    public UiLocale(HttpHeaders headers) {
        this.headers = headers;
    }

    public Locale locale() {
        Cookie chosen = headers.getCookies().get(COOKIE);
        if (chosen != null && chosen.getValue() != null && SUPPORTED.contains(chosen.getValue())) {
            return Locale.forLanguageTag(chosen.getValue());
        }
        for (Locale accepted : headers.getAcceptableLanguages()) {
            if (SUPPORTED.contains(accepted.getLanguage())) {
                return Locale.forLanguageTag(accepted.getLanguage());
            }
        }
        return Locale.GERMAN;
    }

    public String language() {
        return locale().getLanguage();
    }
}

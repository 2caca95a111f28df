package de.fallnetz.gateway.ui;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import io.quarkus.qute.TemplateExtension;
import io.quarkus.qute.TemplateInstance;

/** Dates and times as the clerk reads them: the office's time zone and the page's language. */
@TemplateExtension
public final class UiFormats {

    private static final ZoneId OFFICE_ZONE = ZoneId.of("Europe/Berlin");

    /** The calendar day of an instant, e.g. 26.11.2026 or Nov 26, 2026. */
    static String day(Instant instant, @TemplateExtension.TemplateAttribute(TemplateInstance.LOCALE) Object locale) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale(locale)).withZone(OFFICE_ZONE)
                .format(instant);
    }

    /** Day and time of an instant. */
    static String moment(Instant instant,
            @TemplateExtension.TemplateAttribute(TemplateInstance.LOCALE) Object locale) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale(locale))
                .withZone(OFFICE_ZONE).format(instant);
    }

    static String date(LocalDate date, @TemplateExtension.TemplateAttribute(TemplateInstance.LOCALE) Object locale) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale(locale)).format(date);
    }

    static boolean isPast(Instant instant) {
        return instant.isBefore(Instant.now());
    }

    private static Locale locale(Object locale) {
        return locale instanceof Locale ? (Locale) locale : Locale.GERMAN;
    }

    private UiFormats() {
    }
}

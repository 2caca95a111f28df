package de.fallnetz.notifications.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.ibm.icu.text.DateFormat;
import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.text.MessagePattern;
import com.ibm.icu.util.TimeZone;
import com.ibm.icu.util.ULocale;

import de.fallnetz.notifications.config.NotificationConfig;
import io.quarkus.runtime.Startup;

/**
 * The texts applicants read, per language, in ICU MessageFormat ({@code messages/applicant_<lang>.properties}, UTF-8):
 * plurals, dates and numbers come out right for the locale. A text missing in the applicant's language falls back to
 * the default language for the whole message, with a note saying so; a message is never empty.
 */
@ApplicationScoped
@Startup // a text that cannot be used (shareable()) stops the service at start, not the first mail
public class ApplicantTexts {

    /** Languages we have texts in. */
    public static final Set<String> LANGUAGES = Set.of("de", "en", "ar", "tr", "uk", "ru", "fa", "vi");
    /** The legally binding language, included in every message in another language. */
    public static final String BINDING = "de";
    private static final Set<String> RIGHT_TO_LEFT = Set.of("ar", "fa", "he", "ur");
    private static final TimeZone OFFICE_ZONE = TimeZone.getTimeZone("Europe/Berlin");

    /** One message in one language. */
    public record Part(String language, String direction, String subject, String body, List<String> items) {
    }

    /**
     * A message to an applicant: the part in their language (or the fallback), the note if it is a fallback, and the
     * German part when the first is not German.
     */
    public record Message(String requestedLanguage, Part main, String fallbackNote, Part binding,
            Map<String, String> common) {

        public String language() {
            return main.language();
        }
    }

    private final NotificationConfig config;
    private final Map<String, Properties> bundles = new HashMap<>();
    /*
     * Parsed once at start and cloned for each use (ICU's formats are not thread-safe): building a long-date format for
     * the locale and parsing a pattern anew for each of a mail's dozen texts was a fifth of this service's event
     * handling. The clone is enough only because the texts have no typed arguments (shareable()).
     */
    private final Map<String, MessageFormat> messageFormats = new HashMap<>();
    private final Map<String, DateFormat> dateFormats = new ConcurrentHashMap<>();

    public ApplicantTexts(NotificationConfig config) {
        if (!LANGUAGES.contains(config.defaultLanguage())) {
            throw new IllegalStateException("fallnetz.notifications.default-language=" + config.defaultLanguage()
                    + " has no texts; use one of " + LANGUAGES);
        }
        this.config = config;
        for (String language : LANGUAGES) {
            Properties bundle = load(language);
            bundles.put(language, bundle);
            for (String key : bundle.stringPropertyNames()) {
                messageFormats.put(language + '\n' + key, shareable(bundle.getProperty(key), language, key));
            }
        }
    }

    /**
     * The text's format, refused if it has a typed argument ({@code {d, date}}, {@code {n, number}}, also inside a
     * plural): {@link MessageFormat#clone()} copies the pattern but shares such an argument's format between the
     * copies, which threads would then use at once. Plain, plural and select arguments keep nothing between uses; a
     * date is passed formatted (render()).
     */
    static MessageFormat shareable(String pattern, String language, String key) {
        MessagePattern parsed = new MessagePattern(pattern);
        for (int i = 0; i < parsed.countParts(); i++) {
            MessagePattern.Part part = parsed.getPart(i);
            if (part.getType() == MessagePattern.Part.Type.ARG_START
                    && part.getArgType() == MessagePattern.ArgType.SIMPLE) {
                throw new IllegalStateException("applicant_" + language + ".properties " + key
                        + " has a typed argument at " + part.getIndex()
                        + "; pass the value formatted as a plain argument instead");
            }
        }
        return new MessageFormat(pattern, new ULocale(language));
    }

    /** The preferred language if we have texts in it (or in its base language, pt for pt-BR), else null. */
    public static String supported(String preferred) {
        String base = preferred == null ? "" : preferred.split("-")[0].toLowerCase();
        return LANGUAGES.contains(base) ? base : null;
    }

    public static String direction(String language) {
        return RIGHT_TO_LEFT.contains(language) ? "rtl" : "ltr";
    }

    /**
     * Renders {@code template} (its {@code .subject} and {@code .body}) for the preferred language.
     *
     * @param args the template's arguments; an {@link Instant} is formatted as a long date in the office's time zone
     * @param items list entries shown under the body (missing documents), as given
     */
    public Message render(String preferredLanguage, String template, Map<String, Object> args, List<String> items) {
        String language = supported(preferredLanguage);
        Part main = language == null ? null : part(language, template, args, items);
        String note = null;
        if (main == null) {
            main = part(config.defaultLanguage(), template, args, items);
            // The note in English and German: the reader understands at least one of them more likely than nothing.
            Map<String, Object> noteArgs = Map.of("requested", String.valueOf(preferredLanguage));
            note = format("en", "common.fallback-note", noteArgs) + " / "
                    + format("de", "common.fallback-note", noteArgs);
            if (main == null) {
                throw new IllegalStateException("No text " + template + " in the default language");
            }
        }
        Part binding = BINDING.equals(main.language()) ? null : part(BINDING, template, args, items);
        Map<String, String> common = new HashMap<>();
        for (String key : List.of("greeting", "status-link", "case-number", "binding-note", "footer")) {
            String text = format(main.language(), "common." + key, args);
            common.put(key, text != null ? text : format(BINDING, "common." + key, args));
        }
        return new Message(preferredLanguage, main, note, binding, common);
    }

    /** A single text in the language, falling back to German; null if neither has it. */
    public String text(String language, String key, Map<String, Object> args) {
        String supported = supported(language);
        String text = supported == null ? null : format(supported, key, args);
        return text != null ? text : format(BINDING, key, args);
    }

    private Part part(String language, String template, Map<String, Object> args, List<String> items) {
        String subject = format(language, template + ".subject", args);
        String body = format(language, template + ".body", args);
        if (subject == null || body == null) {
            return null;
        }
        return new Part(language, direction(language), subject, body, items == null ? List.of() : items);
    }

    private String format(String language, String key, Map<String, Object> args) {
        MessageFormat message = messageFormats.get(language + '\n' + key);
        if (message == null) {
            return null;
        }
        Map<String, Object> localized = new HashMap<>();
        for (Map.Entry<String, Object> e : args.entrySet()) {
            Object value = e.getValue();
            if (value instanceof Instant instant) {
                value = longDate(language).format(Date.from(instant));
            }
            localized.put(e.getKey(), value);
        }
        return ((MessageFormat) message.clone()).format(localized);
    }

    private DateFormat longDate(String language) {
        DateFormat prototype = dateFormats.computeIfAbsent(language, l -> {
            DateFormat dates = DateFormat.getDateInstance(DateFormat.LONG, new ULocale(l));
            dates.setTimeZone(OFFICE_ZONE);
            return dates;
        });
        return (DateFormat) prototype.clone();
    }

    private static Properties load(String language) {
        String resource = "messages/applicant_" + language + ".properties";
        Properties p = new Properties();
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + resource);
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** Keys of a language's bundle, for tests that compare coverage. */
    List<String> keys(String language) {
        return new ArrayList<>(bundles.get(language).stringPropertyNames());
    }
}

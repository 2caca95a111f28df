package de.fallnetz.notifications.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import de.fallnetz.notifications.config.NotificationConfig;

/** The texts themselves: complete in every language, and formatted by the locale's rules. */
class ApplicantTextsTest {

    private final ApplicantTexts texts = new ApplicantTexts(new NotificationConfig() {
        @Override
        public String defaultLanguage() {
            return "de";
        }

        @Override
        public String statusPageUrl() {
            return "http://localhost/status/";
        }

        @Override
        public StatusToken statusToken() {
            return new StatusToken() {
                @Override
                public Optional<String> secret() {
                    return Optional.empty();
                }

                @Override
                public Duration ttl() {
                    return Duration.ofDays(1);
                }
            };
        }

        @Override
        public Delivery delivery() {
            return null;
        }

        @Override
        public Webhooks webhooks() {
            return null;
        }

        @Override
        public Reminders reminders() {
            return null;
        }

        @Override
        public Duration clerkStreamHeartbeat() {
            return Duration.ofSeconds(15);
        }
    });

    @Test
    void shouldHaveEveryMailTextInEveryLanguage() {
        List<String> mailKeys = texts.keys("de").stream()
                .filter(k -> k.endsWith(".subject") || k.endsWith(".body") || k.startsWith("common.")
                        || k.startsWith("page."))
                .toList();
        for (String language : ApplicantTexts.LANGUAGES) {
            assertThat(texts.keys(language)).as(language).containsAll(mailKeys);
        }
    }

    @Test
    void shouldUseThePluralRulesOfTheLanguage() {
        Map<String, Object> args = Map.of("count", 2, "officeId", "abh-berlin");
        assertThat(texts.render("ar", "documents-requested", args, List.of()).main().body()).startsWith("ينقص طلبك مستندان");
        assertThat(texts.render("ru", "documents-requested", Map.of("count", 5, "officeId", "x"), List.of()).main()
                .body()).contains("не хватает 5 документов");
        assertThat(texts.render("en", "documents-requested", Map.of("count", 1, "officeId", "x"), List.of()).main()
                .body()).startsWith("One document is still missing");
    }

    @Test
    void shouldWriteDatesTheWayTheLanguageDoes() {
        Map<String, Object> args = Map.of("date", Instant.parse("2026-11-02T09:15:30Z"), "caseType", "BLUE_CARD",
                "officeId", "abh-berlin", "caseId", "c-1");
        assertThat(texts.render("de", "case-receipt", args, List.of()).main().body()).contains("am 2. November 2026");
        assertThat(texts.render("en", "case-receipt", args, List.of()).main().body()).contains("on November 2, 2026");
        assertThat(texts.render("tr", "case-receipt", args, List.of()).main().body()).contains("2 Kasım 2026");
    }

    @Test
    void shouldMarkRightToLeftLanguagesAndKeepGermanBeside() {
        ApplicantTexts.Message m = texts.render("fa", "withdrawn", Map.of(), List.of());
        assertThat(m.main().direction()).isEqualTo("rtl");
        assertThat(m.binding().language()).isEqualTo("de");
        assertThat(m.binding().direction()).isEqualTo("ltr");
        assertThat(m.fallbackNote()).isNull();
    }

    @Test
    void shouldFallBackToGermanWithANoteButNeverToNothing() {
        ApplicantTexts.Message m = texts.render("sw", "withdrawn", Map.of(), List.of());
        assertThat(m.language()).isEqualTo("de");
        assertThat(m.main().body()).isNotBlank();
        assertThat(m.binding()).isNull();
        assertThat(m.fallbackNote()).contains("(sw)");
    }

    @Test
    void shouldRefuseATextWithATypedArgumentWhoseFormatCopiesWouldShare() {
        assertThatThrownBy(() -> ApplicantTexts.shareable("Frist bis {deadline, date, long}", "de", "x.body"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("x.body");
        assertThatThrownBy(() -> ApplicantTexts.shareable("{count, plural, one {# Tag} other {{count, number} Tage}}",
                "de", "y.body")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldAcceptPlainPluralAndSelectArguments() {
        assertThat(ApplicantTexts
                .shareable("{name}: {count, plural, one {# Tag} other {# Tage}} {kind, select, a {A} other {B}}", "de",
                        "z.body")
                .format(Map.of("name", "Anna", "count", 2, "kind", "a"))).isEqualTo("Anna: 2 Tage A");
    }

    @Test
    void shouldGiveEachThreadItsOwnCopyOfATextsFormat() throws Exception {
        // Eight threads render the same plural text with different counts and dates, each of which must come out
        // as given. A smoke test: a shared format mixes them up only sometimes; shareable() is what prevents it.
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                int missing = 1 + i % 7;
                Map<String, Object> args = Map.of("count", missing, "officeId", "x", "due",
                        Instant.parse("2026-12-0" + missing + "T10:00:00Z"));
                results.add(pool.submit(() -> {
                    String body = texts.render("en", "documents-requested", args, List.of()).main().body();
                    return body.startsWith(missing == 1 ? "One document" : missing + " documents")
                            && body.contains("December " + missing + ", 2026");
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

package de.fallnetz.cases.letters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import de.fallnetz.devstack.FallnetzStackResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = FallnetzStackResource.class, initArgs = @ResourceArg(name = "service", value = "case-service"))
class DecisionLettersTest {

    /** Where the tests leave a grant and a refusal to look at. */
    static final Path SAMPLES = Path.of("target", "decision-letters");

    @Inject
    DecisionLetters letters;

    @Test
    void shouldRenderAGrantWithTenorLegalBasisFeesAndApplicant() throws IOException {
        long started = System.nanoTime();
        RenderedLetter rendered = letters.render(blueCard(DecisionLetter.GRANTED, null, "abh-berlin"));
        System.out.printf("Grant letter rendered in %d ms, %d bytes%n", (System.nanoTime() - started) / 1_000_000,
                rendered.pdf().length);
        Files.createDirectories(SAMPLES);
        Files.write(SAMPLES.resolve("blue-card-grant.pdf"), rendered.pdf());

        String text = text(rendered);
        assertThat(text).contains("Landesamt für Einwanderung (LEA) Berlin", "Bescheid", "Aktenzeichen",
                "c0ffee00-1234-4abc-8def-000000000001", "14.11.2026", "Thi Lan Nguyen", "17.03.1994", "VNM",
                "Ihnen wird der Aufenthaltstitel „Blaue Karte EU“ erteilt.", "Nebenbestimmungen", "Beschäftigung nur als Softwareentwicklerin",
                "§ 18g Abs. 1 AufenthG", "100,00 €", "Rechtsgrundlage", "Gebühren");
        assertThat(text).doesNotContain("Rechtsbehelfsbelehrung", "Klage");
        assertThat(rendered.mediaType()).isEqualTo("application/pdf");
        assertThat(rendered.fileName()).isEqualTo("bescheid-c0ffee00-1234-4abc-8def-000000000001.pdf");
    }

    @Test
    void shouldRenderARefusalWithReasonsAndTheLegalRemedyOfTheLand() throws IOException {
        String reasons = "Das Gehalt erreicht die Mindestgrenze nicht.\n\nEine Ausnahme liegt nicht vor.";

        RenderedLetter refusal = letters.render(blueCard(DecisionLetter.REFUSED, reasons, "abh-berlin"));
        Files.createDirectories(SAMPLES);
        Files.write(SAMPLES.resolve("blue-card-refusal.pdf"), refusal.pdf());
        String berlin = text(refusal);
        assertThat(berlin).contains("Ihr Antrag auf Blaue Karte EU wird abgelehnt.", "Begründung",
                "Das Gehalt erreicht die Mindestgrenze nicht.", "Eine Ausnahme liegt nicht vor.",
                "§ 18g Abs. 1 AufenthG", "Rechtsbehelfsbelehrung", "innerhalb eines Monats", "Klage",
                "Verwaltungsgericht Berlin");

        String stuttgart = text(letters.render(blueCard(DecisionLetter.REFUSED, reasons, "abh-stuttgart")));
        assertThat(stuttgart).contains("Rechtsbehelfsbelehrung", "Widerspruch").doesNotContain("Klage");
    }

    @Test
    void shouldProduceATaggedPdfWithTitleLanguageAndEmbeddedFonts() throws IOException {
        RenderedLetter rendered = letters.render(blueCard(DecisionLetter.REFUSED, "Gründe.", "abh-muenchen"));

        try (PDDocument pdf = Loader.loadPDF(rendered.pdf())) {
            assertThat(pdf.getDocumentCatalog().getStructureTreeRoot()).isNotNull();
            assertThat(pdf.getDocumentCatalog().getMarkInfo()).isNotNull();
            assertThat(pdf.getDocumentCatalog().getMarkInfo().isMarked()).isTrue();
            assertThat(pdf.getDocumentCatalog().getLanguage()).isEqualTo("de");
            assertThat(pdf.getDocumentInformation().getTitle())
                    .isEqualTo("Bescheid Blaue Karte EU – Aktenzeichen c0ffee00-1234-4abc-8def-000000000001");
            assertThat(pdf.getDocumentCatalog().getViewerPreferences().displayDocTitle()).isTrue();
            for (var page : pdf.getPages()) {
                for (var name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                }
            }
        }
    }

    @Test
    void shouldRenderHostileInputAsPlainText() throws IOException {
        DecisionLetter hostile = new DecisionLetter("c0ffee00-1234-4abc-8def-000000000002", "BLUE_CARD",
                "Blaue Karte EU", DecisionLetter.REFUSED, "§ 18g AufenthG",
                "<script>alert('x')</script> & Co. \u0000 ]]> <!-- --> {letter.caseId}", List.of("<b>fett</b>"),
                "abh-berlin", "Landesamt für Einwanderung (LEA) Berlin", "O'Brien & <i>Söhne</i>\u0000",
                "שלום مرحبا", LocalDate.of(1990, 1, 1), "ISR", "Clerk \u202Eevil", Instant.parse(
                        "2026-11-14T10:00:00Z"),
                List.of(new DecisionLetter.FeeItem("Gebühr <img src=x>", new BigDecimal("93"))));

        RenderedLetter rendered = letters.render(hostile);

        String text = text(rendered);
        assertThat(text).contains("<script>alert('x')</script> & Co.", "]]> <!-- --> {letter.caseId}",
                "O'Brien &", "<i>Söhne", "Gebühr <img src=x>", "Clerk evil").doesNotContain("\u0000", "\u202E");
    }

    @Test
    void shouldPickTheTemplateOfTheCaseTypeWhenThereIsOne() throws IOException {
        DecisionLetter blueCard = blueCard(DecisionLetter.GRANTED, null, "zfe-nrw");
        DecisionLetter accelerated = new DecisionLetter(blueCard.caseId(), "ACCELERATED_SKILLED_WORKER",
                "Beschleunigtes Fachkräfteverfahren", DecisionLetter.GRANTED, "§ 81a AufenthG, § 31 Abs. 3 AufenthV",
                null, List.of(), "zfe-nrw", "Zentralstelle Fachkräfteeinwanderung NRW, Bezirksregierung Köln",
                blueCard.applicantFamilyName(), blueCard.applicantGivenNames(), blueCard.applicantDateOfBirth(),
                blueCard.applicantNationality(), blueCard.decidedBy(), blueCard.decidedAt(), List.of());

        assertThat(text(letters.render(accelerated))).contains("vorab", "zugestimmt (Vorabzustimmung)")
                .doesNotContain("erteilt.");
        assertThat(text(letters.render(blueCard))).contains("Ihnen wird der Aufenthaltstitel „Blaue Karte EU“ erteilt.");
    }

    @Test
    void shouldGiveTheSha256OfTheBytes() throws Exception {
        RenderedLetter rendered = letters.render(blueCard(DecisionLetter.GRANTED, null, "abh-hamburg"));

        assertThat(rendered.sha256Hex())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(rendered.pdf())))
                .hasSize(64);
    }

    @Test
    void shouldRefuseToRenderARefusalWithoutReasonsOrAnUnknownOutcome() {
        assertThatThrownBy(() -> letters.render(blueCard(DecisionLetter.REFUSED, " ", "abh-berlin")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> letters.render(blueCard("MAYBE", "x", "abh-berlin")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldGiveEachOfSeveralLettersRenderedAtOnceItsOwnApplicant() throws Exception {
        // The fonts are parsed once and reused: every letter must still embed the glyphs of its own names.
        List<String[]> names = List.of(new String[] { "Żółkiewski", "Łucja" }, new String[] { "Ødegård", "Åse" },
                new String[] { "Şahin", "Çağla" }, new String[] { "Nguyễn", "Thị Lan" },
                new String[] { "Петров", "Иван" }, new String[] { "Müller", "Jürgen" });
        ExecutorService pool = Executors.newFixedThreadPool(names.size());
        try {
            List<Future<RenderedLetter>> rendered = new java.util.ArrayList<>();
            for (String[] name : names) {
                rendered.add(pool.submit(() -> letters.render(withApplicant(name[0], name[1]))));
            }
            for (int i = 0; i < names.size(); i++) {
                String text = text(rendered.get(i).get(60, TimeUnit.SECONDS));
                assertThat(text).contains(names.get(i)[1] + " " + names.get(i)[0]);
                for (int j = 0; j < names.size(); j++) {
                    if (j != i) {
                        assertThat(text).doesNotContain(names.get(j)[0]);
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static DecisionLetter withApplicant(String familyName, String givenNames) {
        DecisionLetter l = blueCard(DecisionLetter.GRANTED, null, "abh-berlin");
        return new DecisionLetter(l.caseId(), l.caseType(), l.caseTypeTitle(), l.outcome(), l.legalBasis(), l.reasons(),
                l.conditions(), l.officeId(), l.officeName(), familyName, givenNames, l.applicantDateOfBirth(),
                l.applicantNationality(), l.decidedBy(), l.decidedAt(), l.fees());
    }

    static DecisionLetter blueCard(String outcome, String reasons, String officeId) {
        return new DecisionLetter("c0ffee00-1234-4abc-8def-000000000001", "BLUE_CARD", "Blaue Karte EU", outcome,
                "§ 18g Abs. 1 AufenthG", reasons, List.of("Beschäftigung nur als Softwareentwicklerin bei der "
                        + "Beispiel GmbH"),
                officeId, "abh-berlin".equals(officeId) ? "Landesamt für Einwanderung (LEA) Berlin"
                        : "Ausländerbehörde " + officeId,
                "Nguyen", "Thi Lan", LocalDate.of(1994, 3, 17), "VNM", "M. Muster",
                Instant.parse("2026-11-14T09:30:00Z"),
                List.of(new DecisionLetter.FeeItem("Erteilung (§ 45 AufenthV)", new BigDecimal("100.00"))));
    }

    private static String text(RenderedLetter rendered) throws IOException {
        try (PDDocument pdf = Loader.loadPDF(rendered.pdf())) {
            return new PDFTextStripper().getText(pdf).replace('\u00A0', ' ');
        }
    }
}

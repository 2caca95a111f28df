package de.fallnetz.cases.letters;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.NumberFormat;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PDFontSupplier;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;

import de.fallnetz.cases.jurisdiction.Jurisdiction;
import de.fallnetz.cases.jurisdiction.Office;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;

/**
 * Renders decision letters (Musterbescheide): a Qute XHTML template per outcome ({@code templates/letters/grant.html},
 * {@code refusal.html}), overridden per case type by {@code templates/letters/<CASE_TYPE>-grant.html} or
 * {@code -refusal.html} when there is one, turned into a tagged PDF/UA document with embedded fonts by
 * openhtmltopdf. The instruction on legal remedies of a refusal comes from {@code letters/legal-remedies.yaml} by the
 * office's Land.
 */
@ApplicationScoped
public class DecisionLetters {

    static final String FONT_FAMILY = "DejaVu Sans";
    private static final String FONTS = "net/sf/jasperreports/fonts/dejavu/";
    private static final ZoneId GERMANY = ZoneId.of("Europe/Berlin");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy", Locale.GERMANY);
    /**
     * Characters XML 1.0 cannot carry (NUL and the other controls but tab and line breaks, non-characters), and the
     * bidirectional embedding and override controls, with which a name could make the text around it read backwards.
     */
    private static final Pattern UNSAFE_CHARACTERS = Pattern.compile("[^\\t\\n\\r\\x{20}-\\x{D7FF}\\x{E000}-\\x{FFFD}"
            + "\\x{10000}-\\x{10FFFF}]|[\\x{202A}-\\x{202E}\\x{2066}-\\x{2069}]");
    private static final Pattern NOT_FILE_NAME = Pattern.compile("[^A-Za-z0-9-]");
    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\R\\s*\\R");

    private final Engine templates;
    private final Jurisdiction jurisdiction;
    private final LegalRemedies remedies;
    private final byte[] regularFont;
    private final byte[] boldFont;
    /** Each render holds a pair of parsed fonts, several MiB: a bounded number at once (LettersConfig). */
    private final RenderPermits rendering;
    /**
     * Both fonts parsed, kept for the next render: parsing them again for every letter was a quarter of rendering
     * it (bench/README.md). A parsed font reads its glyphs lazily and so serves one render at a time; since no more
     * renders run at once than {@link #rendering} permits, no more pairs than that are ever parsed.
     */
    private final Queue<ParsedFonts> parsedFonts = new ConcurrentLinkedQueue<>();

    private record ParsedFonts(TrueTypeFont regular, TrueTypeFont bold) {
    }

    public DecisionLetters(Engine templates, Jurisdiction jurisdiction, LettersConfig config) {
        this.templates = templates;
        this.rendering = new RenderPermits(config.concurrentRenders(), config.renderWait());
        this.jurisdiction = jurisdiction;
        this.remedies = LegalRemedies.fromClasspath();
        PdfRendererLog.install();
        this.regularFont = resource(FONTS + "DejaVuSans.ttf");
        this.boldFont = resource(FONTS + "DejaVuSans-Bold.ttf");
    }

    /**
     * Renders a letter. Throws {@link IllegalArgumentException} when the letter lacks what it must say (an outcome
     * other than GRANTED or REFUSED, a refusal without reasons, no case, office, applicant or date).
     */
    public RenderedLetter render(DecisionLetter letter) {
        check(letter);
        String html = template(letter).data("letter", view(letter)).render();
        byte[] pdf = rendering.run(() -> pdf(html));
        return new RenderedLetter(pdf, sha256(pdf), "bescheid-" + NOT_FILE_NAME.matcher(letter.caseId()).replaceAll("_") + ".pdf",
                RenderedLetter.PDF);
    }

    private Template template(DecisionLetter letter) {
        String outcome = DecisionLetter.GRANTED.equals(letter.outcome()) ? "grant" : "refusal";
        Template specific = templates.getTemplate("letters/" + clean(letter.caseType()) + "-" + outcome);
        return specific != null ? specific : Objects.requireNonNull(templates.getTemplate("letters/" + outcome));
    }

    private LetterView view(DecisionLetter letter) {
        NumberFormat euros = NumberFormat.getCurrencyInstance(Locale.GERMANY);
        List<LetterView.FeeLine> fees = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (DecisionLetter.FeeItem fee : orEmpty(letter.fees())) {
            fees.add(new LetterView.FeeLine(clean(fee.label()), euros.format(fee.amountEur())));
            total = total.add(fee.amountEur());
        }
        boolean refused = DecisionLetter.REFUSED.equals(letter.outcome());
        String officeName = clean(letter.officeName());
        String land = jurisdiction.office(letter.officeId()).map(Office::land).orElse(null);
        List<String> reasons = new ArrayList<>();
        if (letter.reasons() != null) {
            for (String paragraph : PARAGRAPH_BREAK.split(clean(letter.reasons()).strip())) {
                if (!paragraph.isBlank()) {
                    reasons.add(paragraph.strip());
                }
            }
        }
        return new LetterView(
                "Bescheid " + clean(letter.caseTypeTitle()) + " – Aktenzeichen " + clean(letter.caseId()),
                clean(letter.caseId()), clean(letter.caseTypeTitle()), letter.outcome(), clean(letter.legalBasis()),
                reasons, refused ? List.of() : orEmpty(letter.conditions()).stream().map(DecisionLetters::clean).toList(),
                officeName,
                clean(letter.applicantGivenNames()) + " " + clean(letter.applicantFamilyName()),
                letter.applicantDateOfBirth() == null ? null : DATE.format(letter.applicantDateOfBirth()),
                clean(letter.applicantNationality()), clean(letter.decidedBy()),
                DATE.format(letter.decidedAt().atZone(GERMANY)), fees, fees.isEmpty() ? null : euros.format(total),
                refused ? remedies.text(land, letter.officeId(), officeName) : null);
    }

    private byte[] pdf(String html) {
        ParsedFonts fonts = parsedFonts.poll();
        boolean reusable = false;
        try {
            if (fonts == null) {
                fonts = new ParsedFonts(parse(regularFont), parse(boldFont));
            }
            byte[] pdf = render(html, fonts);
            reusable = true;
            return pdf;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot render the decision letter", e);
        } finally {
            // After a failed render the fonts' state is unknown: the next render parses its own.
            if (reusable) {
                parsedFonts.offer(fonts);
            }
        }
    }

    private static byte[] render(String html, ParsedFonts fonts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try (PDDocument document = new PDDocument()) {
            // The letter embeds the subset of glyphs it uses from the parsed fonts; the document does not close them.
            new PdfRendererBuilder()
                    .usePDDocument(document)
                    .useFastMode()
                    .usePdfUaAccessibility(true)
                    .useFont(new PDFontSupplier(PDType0Font.load(document, fonts.regular(), true)), FONT_FAMILY, 400,
                            FontStyle.NORMAL, true)
                    .useFont(new PDFontSupplier(PDType0Font.load(document, fonts.bold(), true)), FONT_FAMILY, 700,
                            FontStyle.NORMAL, true)
                    // The templates need nothing from outside: no file, no URL is ever fetched.
                    .useExternalResourceAccessControl((uri, type) -> false,
                            ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI)
                    .useExternalResourceAccessControl((uri, type) -> false,
                            ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI)
                    .withProducer("Fallnetz case-service")
                    .withHtmlContent(html, null)
                    .toStream(out)
                    .run();
        }
        return out.toByteArray();
    }

    private static TrueTypeFont parse(byte[] font) throws IOException {
        return new TTFParser().parse(new RandomAccessReadBuffer(font));
    }

    private static void check(DecisionLetter letter) {
        if (!DecisionLetter.GRANTED.equals(letter.outcome()) && !DecisionLetter.REFUSED.equals(letter.outcome())) {
            throw new IllegalArgumentException("outcome must be GRANTED or REFUSED, not " + letter.outcome());
        }
        if (DecisionLetter.REFUSED.equals(letter.outcome()) && (letter.reasons() == null
                || letter.reasons().isBlank())) {
            throw new IllegalArgumentException("A refusal needs its reasons");
        }
        for (String required : new String[] { letter.caseId(), letter.caseType(), letter.caseTypeTitle(),
                letter.legalBasis(), letter.officeName(), letter.applicantFamilyName(), letter.decidedBy() }) {
            if (required == null || required.isBlank()) {
                throw new IllegalArgumentException("A decision letter needs case, case type, legal basis, office, "
                        + "applicant and signer");
            }
        }
        if (letter.decidedAt() == null) {
            throw new IllegalArgumentException("A decision letter needs its date");
        }
    }

    /** Drops what XML cannot carry (NUL and other control characters); null becomes empty. */
    static String clean(String text) {
        return text == null ? "" : UNSAFE_CHARACTERS.matcher(text).replaceAll("");
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = DecisionLetters.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + name, e);
        }
    }
}

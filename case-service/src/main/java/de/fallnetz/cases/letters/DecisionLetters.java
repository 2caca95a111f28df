package de.fallnetz.cases.letters;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;

/** TEMPORARY stand-in until the renderer branch lands. */
@ApplicationScoped
public class DecisionLetters {

    public RenderedLetter render(DecisionLetter letter) {
        byte[] pdf = ("%PDF-1.4\n% " + letter.caseId() + " " + letter.outcome() + "\n%%EOF\n")
                .getBytes(StandardCharsets.UTF_8);
        try {
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf));
            return new RenderedLetter(pdf, sha, "bescheid-" + letter.caseId() + ".pdf", "application/pdf");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

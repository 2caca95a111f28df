package de.fallnetz.cases.letters;

/**
 * A rendered decision letter.
 *
 * @param pdf the PDF (tagged, PDF/UA)
 * @param sha256Hex the SHA-256 of {@code pdf}, lower-case hex: what the timeline records
 * @param fileName e.g. {@code bescheid-<caseId>.pdf}
 * @param mediaType {@code application/pdf}
 */
public record RenderedLetter(byte[] pdf, String sha256Hex, String fileName, String mediaType) {

    public static final String PDF = "application/pdf";
}

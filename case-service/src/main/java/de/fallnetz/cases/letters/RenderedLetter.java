package de.fallnetz.cases.letters;

/** TEMPORARY stand-in until the renderer branch lands. */
public record RenderedLetter(byte[] pdf, String sha256Hex, String fileName, String mediaType) {
}

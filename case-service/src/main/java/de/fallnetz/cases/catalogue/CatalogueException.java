package de.fallnetz.cases.catalogue;

/** The catalogue data cannot be loaded: a file is missing, malformed or inconsistent. The message names it. */
public class CatalogueException extends RuntimeException {

    public CatalogueException(String message) {
        super("Case-type catalogue: " + message);
    }
}

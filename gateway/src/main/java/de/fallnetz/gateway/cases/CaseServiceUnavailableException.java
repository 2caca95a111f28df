package de.fallnetz.gateway.cases;

/** The case service failed on its side (5xx); the gateway answers 503 and the client may try again. */
public class CaseServiceUnavailableException extends RuntimeException {

    public CaseServiceUnavailableException(String message) {
        super(message);
    }
}

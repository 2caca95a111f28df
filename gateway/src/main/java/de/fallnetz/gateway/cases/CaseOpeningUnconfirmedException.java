package de.fallnetz.gateway.cases;

/**
 * The case service did not confirm a new case: it may have been opened or not. The client repeats the request with
 * {@link #idempotencyKey()} and gets the case if it exists, a new one otherwise, never two.
 */
public class CaseOpeningUnconfirmedException extends RuntimeException {

    private final String idempotencyKey;

    public CaseOpeningUnconfirmedException(String idempotencyKey, Throwable cause) {
        super(cause);
        this.idempotencyKey = idempotencyKey;
    }

    public String idempotencyKey() {
        return idempotencyKey;
    }
}

package de.fallnetz.gateway.cases;

/**
 * The gateway is opening as many cases as it may at once: this one was not forwarded. The client repeats it after
 * {@code Retry-After} with {@link #idempotencyKey()}.
 */
public class CaseOpeningBusyException extends RuntimeException {

    private final String idempotencyKey;

    public CaseOpeningBusyException(String idempotencyKey) {
        super("case opening refused: too many at once", null, false, false);
        this.idempotencyKey = idempotencyKey;
    }

    public String idempotencyKey() {
        return idempotencyKey;
    }
}

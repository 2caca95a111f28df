package de.fallnetz.gateway.cases;

import jakarta.ws.rs.core.MediaType;

/**
 * The case service answered 503 with a problem and a {@code Retry-After}: it is busy on purpose (all letter renderers
 * taken: {@code letters-busy}) or its database is restarting, and says when to repeat. A kind of
 * {@link CaseServiceUnavailableException}, so reads still retry it and the clerks' pages still show their own 503
 * page; the API passes the problem on with its {@code Retry-After} (CaseGatewayExceptionMappers).
 */
public class CaseServiceBusyException extends CaseServiceUnavailableException {

    private final MediaType mediaType;
    private final String body;
    private final String retryAfter;

    public CaseServiceBusyException(MediaType mediaType, String body, String retryAfter) {
        super("case-service answered 503, Retry-After " + retryAfter);
        this.mediaType = mediaType;
        this.body = body;
        this.retryAfter = retryAfter;
    }

    public MediaType mediaType() {
        return mediaType;
    }

    public String body() {
        return body;
    }

    public String retryAfter() {
        return retryAfter;
    }
}

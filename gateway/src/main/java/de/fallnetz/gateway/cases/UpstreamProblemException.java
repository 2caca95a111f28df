package de.fallnetz.gateway.cases;

import jakarta.ws.rs.core.MediaType;

/**
 * The case service refused a request (4xx), or asked for it to be repeated later (503 with {@code Retry-After}); its
 * problem document goes back to the client unchanged, with the {@code Retry-After}.
 */
public class UpstreamProblemException extends RuntimeException {

    private final int status;
    private final MediaType mediaType;
    private final String body;
    private final String retryAfter;

    public UpstreamProblemException(int status, MediaType mediaType, String body) {
        this(status, mediaType, body, null);
    }

    public UpstreamProblemException(int status, MediaType mediaType, String body, String retryAfter) {
        super("case-service answered " + status);
        this.status = status;
        this.mediaType = mediaType;
        this.body = body;
        this.retryAfter = retryAfter;
    }

    /** The case service's {@code Retry-After}, or null. */
    public String retryAfter() {
        return retryAfter;
    }

    public int status() {
        return status;
    }

    public MediaType mediaType() {
        return mediaType;
    }

    public String body() {
        return body;
    }
}

package de.fallnetz.gateway.cases;

import jakarta.ws.rs.core.MediaType;

/** The case service refused a request (4xx); its problem document goes back to the client unchanged. */
public class UpstreamProblemException extends RuntimeException {

    private final int status;
    private final MediaType mediaType;
    private final String body;

    public UpstreamProblemException(int status, MediaType mediaType, String body) {
        super("case-service answered " + status);
        this.status = status;
        this.mediaType = mediaType;
        this.body = body;
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

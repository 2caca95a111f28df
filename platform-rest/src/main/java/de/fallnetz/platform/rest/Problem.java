package de.fallnetz.platform.rest;

import java.util.List;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail. {@code type} is {@code about:blank} when the HTTP status says it all, otherwise a
 * {@code urn:fallnetz:problem:…} name that clients can switch on.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance,
        List<InvalidParam> invalidParams) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType MEDIA_TYPE_OBJECT = MediaType.valueOf(MEDIA_TYPE);

    /** One rejected field of a request: where it is ({@code applicant.dateOfBirth}) and what is wrong with it. */
    public record InvalidParam(String name, String reason) {
    }

    public static Problem of(Response.Status status, String detail) {
        return new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, null, List.of());
    }

    public static Problem typed(String slug, String title, int status, String detail) {
        return new Problem("urn:fallnetz:problem:" + slug, title, status, detail, null, List.of());
    }

    public Problem withInstance(String path) {
        return new Problem(type, title, status, detail, path, invalidParams);
    }

    public Problem withInvalidParams(List<InvalidParam> params) {
        return new Problem(type, title, status, detail, instance, params);
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE_OBJECT).entity(this).build();
    }
}

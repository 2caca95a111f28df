package de.fallnetz.platform.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail. {@code type} is {@code about:blank} when the HTTP status says it all, otherwise a
 * {@code urn:fallnetz:problem:…} name that clients can switch on.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance,
        List<InvalidParam> invalidParams, @JsonIgnore Map<String, Object> extensions) {

    public Problem(String type, String title, int status, String detail, String instance,
            List<InvalidParam> invalidParams) {
        this(type, title, status, detail, instance, invalidParams, Map.of());
    }

    /** RFC 9457 extension members, written beside the standard ones (e.g. the current status of a case). */
    @JsonAnyGetter
    public Map<String, Object> extensionMembers() {
        return extensions;
    }

    public Problem with(String member, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extensions);
        more.put(member, value);
        return new Problem(type, title, status, detail, instance, invalidParams, more);
    }

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
        return new Problem(type, title, status, detail, path, invalidParams, extensions);
    }

    public Problem withInvalidParams(List<InvalidParam> params) {
        return new Problem(type, title, status, detail, instance, params, extensions);
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE_OBJECT).entity(this).build();
    }
}

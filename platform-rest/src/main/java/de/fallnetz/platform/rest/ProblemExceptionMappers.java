package de.fallnetz.platform.rest;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;

/**
 * Turns every error into an {@code application/problem+json} response: bad input into a 4xx that says what was
 * wrong, a database that cannot be reached into a 503 with {@code Retry-After}, anything unexpected into a 500 that
 * names a reference for the log and nothing of the internals.
 */
public class ProblemExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ProblemExceptionMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response response = e.problem().withInstance(uri.getPath()).toResponse();
        Long retryAfter = e.retryAfterSeconds();
        return retryAfter == null ? response : Response.fromResponse(response).header("Retry-After", retryAfter).build();
    }

    @ServerExceptionMapper
    public Response validation(ResteasyReactiveViolationException e, UriInfo uri) {
        return violations(e, uri);
    }

    @ServerExceptionMapper
    public Response violations(ConstraintViolationException e, UriInfo uri) {
        List<Problem.InvalidParam> params = e.getConstraintViolations().stream()
                .map(v -> new Problem.InvalidParam(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.InvalidParam::name))
                .toList();
        return Problem.typed("invalid-request", "Invalid request", 400, "The request has " + params.size()
                + (params.size() == 1 ? " invalid field" : " invalid fields"))
                .withInstance(uri.getPath()).withInvalidParams(params).toResponse();
    }

    // Named explicitly: Quarkus has its own mapper for this type, and the most specific mapper wins.
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        String field = e instanceof JsonMappingException m ? path(m) : duplicateField(e);
        String detail;
        if (e instanceof UnrecognizedPropertyException u) {
            detail = "Unknown field '" + u.getPropertyName() + "'";
        } else if (e instanceof InvalidFormatException f && f.getTargetType() == String.class) {
            // The value itself is not echoed: it may hold control characters or personal data.
            detail = "Field '" + field + "' " + f.getOriginalMessage();
        } else if (e instanceof InvalidFormatException f) {
            detail = "Field '" + field + "' has a value of the wrong format: " + f.getValue();
        } else if (!field.isEmpty() && !(e instanceof JsonMappingException)) {
            detail = "Field '" + field + "' is given more than once";
        } else if (e instanceof MismatchedInputException && !field.isEmpty()) {
            detail = "Field '" + field + "' has the wrong type";
        } else if (e instanceof MismatchedInputException) {
            detail = "The body does not have the expected shape";
        } else {
            detail = "The body is not well-formed JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
        }
        Problem problem = Problem.typed("invalid-request", "Invalid request", 400, detail).withInstance(uri.getPath());
        if (!field.isEmpty()) {
            problem = problem.withInvalidParams(List.of(new Problem.InvalidParam(field, detail)));
        }
        return problem.toResponse();
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        // A JSON error wrapped by the body reader is still a client error that deserves its detail.
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json, uri);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "HTTP " + status;
        return new Problem("about:blank", title, status, e.getMessage(), uri.getPath(), List.of()).toResponse();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (DatabaseUnavailable.causes(e)) {
            // Transient: the client repeats the request (with its Idempotency-Key) instead of seeing a failure.
            LOG.warnf("%s: the database cannot serve the request for now (%s); answering 503", uri.getPath(),
                    DatabaseUnavailable.summary(e));
            return Response.fromResponse(Problem.typed("service-unavailable", "Service Unavailable", 503,
                    "The service's database cannot serve the request for the moment. Repeat the request, with the same "
                            + "Idempotency-Key for a write, after the seconds given in Retry-After.")
                    .withInstance(uri.getPath()).toResponse())
                    .header("Retry-After", DatabaseUnavailable.RETRY_AFTER_SECONDS).build();
        }
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error on %s (reference %s)", uri.getPath(), reference);
        return Problem.typed("internal-error", "Internal Server Error", 500,
                "The request could not be completed. Give this reference to the operators: " + reference)
                .withInstance(uri.getPath()).toResponse();
    }

    /**
     * {@code open.request.applicant.dateOfBirth} → {@code applicant.dateOfBirth}: drop method and body parameter;
     * {@code list.officeId} → {@code officeId}: drop the method.
     */
    private static String fieldName(ConstraintViolation<?> violation) {
        List<String> nodes = new java.util.ArrayList<>();
        for (Path.Node node : violation.getPropertyPath()) {
            nodes.add(node.getName());
        }
        if (violation.getExecutableParameters() != null && nodes.size() > 2) {
            return String.join(".", nodes.subList(2, nodes.size()));
        }
        if (violation.getExecutableParameters() != null && nodes.size() == 2) {
            return nodes.get(1); // a query or header parameter: its name without the method's
        }
        return String.join(".", nodes);
    }

    /** Jackson names a key given twice as {@code Duplicate field 'x'}; the name is all the parser knows of where. */
    private static String duplicateField(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message == null || !message.startsWith("Duplicate field '")) {
            return "";
        }
        int end = message.indexOf('\'', 17);
        return end > 17 ? message.substring(17, end) : "";
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}

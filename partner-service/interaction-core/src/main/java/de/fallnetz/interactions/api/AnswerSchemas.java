package de.fallnetz.interactions.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import de.fallnetz.interactions.domain.InteractionPolicies;
import de.fallnetz.platform.rest.Problem;
import io.quarkus.runtime.StartupEvent;

/**
 * The JSON Schema of the answer to each interaction kind, from {@code answer-schemas/<KIND>.json} on the service's
 * class path. The partner API checks an answer against its kind's schema before anything is written; a service
 * without a schema for one of its kinds does not start.
 */
@ApplicationScoped
public class AnswerSchemas {

    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_POINTER).locale(Locale.ENGLISH).formatAssertionsEnabled(true).build();

    /** The keywords whose violation lies in a property of the instance (a missing one, one not allowed). */
    private static final java.util.Set<String> NAMES_A_PROPERTY = java.util.Set.of("required", "additionalProperties",
            "dependentRequired", "unevaluatedProperties");

    private final InteractionPolicies policies;
    private final Map<String, JsonSchema> byKind = new ConcurrentHashMap<>();

    public AnswerSchemas(InteractionPolicies policies) {
        this.policies = policies;
    }

    void checkEveryKindHasOne(@Observes StartupEvent start) {
        policies.kinds().forEach(this::schema);
    }

    /** Where the schema of {@code kind} lies on the class path. */
    public static String resource(String kind) {
        return "answer-schemas/" + kind + ".json";
    }

    /** The violations of {@code kind}'s answer schema, each with its JSON pointer; empty when the answer is valid. */
    public List<Problem.InvalidParam> violations(String kind, JsonNode answer) {
        return schema(kind).validate(answer).stream().map(AnswerSchemas::param)
                .sorted(Comparator.comparing(Problem.InvalidParam::name).thenComparing(Problem.InvalidParam::reason))
                .distinct().toList();
    }

    private JsonSchema schema(String kind) {
        return byKind.computeIfAbsent(kind, k -> {
            try (InputStream in = Thread.currentThread().getContextClassLoader()
                    .getResourceAsStream(resource(k))) {
                if (in == null) {
                    throw new IllegalStateException("No answer schema " + resource(k) + " for kind " + k);
                }
                return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, CONFIG);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** A violation as the problem's invalid parameter: the JSON pointer of the field (a missing or extra one too). */
    private static Problem.InvalidParam param(ValidationMessage m) {
        String at = m.getInstanceLocation() == null ? "" : m.getInstanceLocation().toString();
        if (NAMES_A_PROPERTY.contains(m.getType()) && m.getProperty() != null) {
            at = at + "/" + m.getProperty();
        }
        return new Problem.InvalidParam(at.isEmpty() ? "/" : at, m.getError());
    }
}

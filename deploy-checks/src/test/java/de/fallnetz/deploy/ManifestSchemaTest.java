package de.fallnetz.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Every rendered object is of an API that Kubernetes 1.32 (or the operator that owns it) serves, and has only fields of
 * that API, with their types. Built-in objects, Strimzi's and the Prometheus operator's are read into the Java models
 * that the fabric8 and Strimzi projects generate from those APIs' OpenAPI schemas: a field the model does not know
 * lands in its "additional properties" and fails here, a wrong type or enum value fails to read. CloudNativePG, KEDA
 * and Keycloak publish no such models on Maven Central; their objects are checked against the JSON Schemas in
 * src/test/resources/schemas (subsets of their CRDs, see deploy-checks/README.md).
 */
class ManifestSchemaTest {

    /** Built-in APIs as Kubernetes 1.32 serves them, and the custom resources' API versions. */
    private static final Map<String, String> API_VERSIONS = Map.ofEntries(
            Map.entry("ConfigMap", "v1"),
            Map.entry("Service", "v1"),
            Map.entry("Deployment", "apps/v1"),
            Map.entry("PodDisruptionBudget", "policy/v1"),
            Map.entry("HorizontalPodAutoscaler", "autoscaling/v2"),
            Map.entry("NetworkPolicy", "networking.k8s.io/v1"),
            Map.entry("Ingress", "networking.k8s.io/v1"),
            Map.entry("ServiceMonitor", "monitoring.coreos.com/v1"),
            Map.entry("PrometheusRule", "monitoring.coreos.com/v1"),
            Map.entry("Kafka", "kafka.strimzi.io/v1beta2"),
            Map.entry("KafkaNodePool", "kafka.strimzi.io/v1beta2"),
            Map.entry("KafkaTopic", "kafka.strimzi.io/v1beta2"),
            Map.entry("KafkaUser", "kafka.strimzi.io/v1beta2"),
            Map.entry("Cluster", "postgresql.cnpg.io/v1"),
            Map.entry("Database", "postgresql.cnpg.io/v1"),
            Map.entry("ScheduledBackup", "postgresql.cnpg.io/v1"),
            Map.entry("ScaledObject", "keda.sh/v1alpha1"),
            Map.entry("TriggerAuthentication", "keda.sh/v1alpha1"),
            Map.entry("Keycloak", "k8s.keycloak.org/v2alpha1"),
            Map.entry("KeycloakRealmImport", "k8s.keycloak.org/v2alpha1"));

    private static final Map<String, String> MODELS = Map.ofEntries(
            Map.entry("ConfigMap", "io.fabric8.kubernetes.api.model.ConfigMap"),
            Map.entry("Service", "io.fabric8.kubernetes.api.model.Service"),
            Map.entry("Deployment", "io.fabric8.kubernetes.api.model.apps.Deployment"),
            Map.entry("PodDisruptionBudget", "io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget"),
            Map.entry("HorizontalPodAutoscaler",
                    "io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler"),
            Map.entry("NetworkPolicy", "io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy"),
            Map.entry("Ingress", "io.fabric8.kubernetes.api.model.networking.v1.Ingress"),
            Map.entry("ServiceMonitor", "io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor"),
            Map.entry("PrometheusRule", "io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule"),
            Map.entry("Kafka", "io.strimzi.api.kafka.model.kafka.Kafka"),
            Map.entry("KafkaNodePool", "io.strimzi.api.kafka.model.nodepool.KafkaNodePool"),
            Map.entry("KafkaTopic", "io.strimzi.api.kafka.model.topic.KafkaTopic"),
            Map.entry("KafkaUser", "io.strimzi.api.kafka.model.user.KafkaUser"));

    // DNS-1123 subdomain (object names) and the label value syntax.
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");

    private static final ObjectMapper READER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyObjectIsOfAKnownApiVersion(String overlay) {
        for (Map<String, Object> o : Repo.rendered(overlay)) {
            assertThat(API_VERSIONS).as(id(o) + ": a kind these checks know").containsKey((String) o.get("kind"));
            assertThat(o.get("apiVersion")).as(id(o)).isEqualTo(API_VERSIONS.get(o.get("kind")));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyObjectHasAValidNameAndLabels(String overlay) {
        for (Map<String, Object> o : Repo.rendered(overlay)) {
            String name = Kustomize.name(o);
            assertThat(name).as(id(o)).hasSizeLessThanOrEqualTo(63).matches(NAME);
            Map<String, Object> labels = Yaml.map(Yaml.at(o, "metadata", "labels"));
            if (labels != null) {
                assertThat(labels.values()).as(id(o)).allSatisfy(
                        v -> assertThat((String) v).hasSizeLessThanOrEqualTo(63).matches(LABEL_VALUE));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyObjectReadsIntoItsApiModelWithoutUnknownFields(String overlay) throws Exception {
        List<String> errors = new ArrayList<>();
        for (Map<String, Object> o : Repo.rendered(overlay)) {
            String model = MODELS.get((String) o.get("kind"));
            if (model == null) {
                continue;
            }
            try {
                Object typed = READER.convertValue(o, Class.forName(model));
                unknownFields(typed, id(o), errors, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
                // A value the model could not take (an unknown enum constant read as null, say) is lost on the way
                // back.
                differences(READER.valueToTree(o), READER.valueToTree(typed), id(o), errors);
            } catch (IllegalArgumentException e) {
                errors.add(id(o) + ": " + e.getMessage());
            }
        }
        assertThat(errors).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void customResourcesWithoutAJavaModelMatchTheirSchemas(String overlay) {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        List<String> errors = new ArrayList<>();
        int checked = 0;
        for (Map<String, Object> o : Repo.rendered(overlay)) {
            if (MODELS.containsKey((String) o.get("kind"))) {
                continue;
            }
            String resource = "/schemas/" + ((String) o.get("apiVersion")).replace('/', '_') + "_" + o.get("kind")
                    + ".json";
            try (InputStream in = getClass().getResourceAsStream(resource)) {
                assertThat(in).as("schema " + resource).isNotNull();
                JsonSchema schema = factory.getSchema(in);
                for (ValidationMessage m : schema.validate(Yaml.JSON.valueToTree(o))) {
                    errors.add(id(o) + ": " + m.getMessage());
                }
                checked++;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertThat(checked).isGreaterThan(20);
        assertThat(errors).isEmpty();
    }

    /** Collects every "additional property" a generated model put aside while reading. */
    private static void unknownFields(Object value, String path, List<String> errors, Set<Object> seen)
            throws IllegalAccessException {
        if (value == null || !seen.add(value)) {
            return;
        }
        if (value instanceof Map) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                unknownFields(e.getValue(), path + "." + e.getKey(), errors, seen);
            }
            return;
        }
        if (value instanceof Collection) {
            int i = 0;
            for (Object item : (Collection<?>) value) {
                unknownFields(item, path + "[" + i++ + "]", errors, seen);
            }
            return;
        }
        String type = value.getClass().getName();
        if (!type.startsWith("io.fabric8.") && !type.startsWith("io.strimzi.")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object child;
            try {
                child = getter.invoke(value);
            } catch (InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map && !((Map<?, ?>) child).isEmpty()) {
                    errors.add(path + ": fields the API does not have: " + ((Map<?, ?>) child).keySet());
                }
            } else {
                unknownFields(child, path + "." + decapitalize(getter.getName().substring(3)), errors, seen);
            }
        }
    }

    /** Where a value read into a model and written out again differs from what the file says. */
    private static void differences(JsonNode expected, JsonNode actual, String path, List<String> errors) {
        if (actual.isMissingNode()) {
            // Strimzi's models leave out a field whose value is the default (patternType: literal, say).
            return;
        }
        if (expected.isObject() && actual.isObject()) {
            Set<String> names = new TreeSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                differences(expected.path(name), actual.path(name), path + "." + name, errors);
            }
        } else if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            for (int i = 0; i < expected.size(); i++) {
                differences(expected.get(i), actual.get(i), path + "[" + i + "]", errors);
            }
        } else if (expected.isNumber() && actual.isNumber()) {
            if (expected.decimalValue().compareTo(actual.decimalValue()) != 0) {
                errors.add(path + ": " + expected + " reads back as " + actual);
            }
        } else if (!expected.equals(actual)) {
            errors.add(path + ": " + expected + " reads back as " + actual);
        }
    }

    private static String decapitalize(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    private static String id(Map<String, Object> o) {
        return o.get("kind") + "/" + Kustomize.name(o);
    }

}

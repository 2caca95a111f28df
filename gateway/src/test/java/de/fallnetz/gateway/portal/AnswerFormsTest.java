package de.fallnetz.gateway.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The portal's answer forms are the interaction services' answer schemas: the gateway carries each service's schema
 * unchanged, every field and allowed value has a German and an English label, and every example answer of every
 * schema, entered into the form, gives back exactly that answer.
 */
class AnswerFormsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final AnswerForms forms = new AnswerForms(JSON);

    @Test
    void shouldCarryEveryServicesAnswerSchemaUnchanged() throws Exception {
        Map<String, List<String>> services = InMemoryInteractionServices.services();
        assertThat(services).containsKeys("ba-consent", "recognition", "relocation-handoff", "welcome-center");
        for (Map.Entry<String, List<String>> service : services.entrySet()) {
            for (String kind : service.getValue()) {
                try (InputStream copy = getClass().getClassLoader().getResourceAsStream(AnswerForms.resource(kind))) {
                    assertThat(copy).as(kind + " of " + service.getKey() + " in the gateway (gateway/pom.xml)")
                            .isNotNull();
                    assertThat(JSON.readTree(copy)).as(kind).isEqualTo(JSON.readTree(
                            Files.readString(InMemoryInteractionServices.schemaFile(service.getKey(), kind))));
                }
            }
        }
    }

    @Test
    void shouldLabelEveryFieldAndValueInGermanAndEnglish() {
        for (String kind : kinds()) {
            List<String> keys = new ArrayList<>();
            labelKeys(forms.specs(kind), keys);
            for (String key : keys) {
                assertThat(forms.hasLabel("de", key)).as(key + " of " + kind + " in German").isTrue();
                assertThat(forms.hasLabel("en", key)).as(key + " of " + kind + " in English").isTrue();
            }
        }
    }

    @Test
    void shouldTurnEveryExampleAnswerEnteredInTheFormIntoThatAnswer() {
        for (String kind : kinds()) {
            JsonNode examples = forms.schema(kind).path("examples");
            assertThat(examples.size()).as("examples of " + kind).isPositive();
            for (JsonNode example : examples) {
                JsonNode answer = forms.answer(kind, formValues(example));
                assertThat(answer.equals(NUMERIC, example)).as(kind + ": " + answer + " from " + example).isTrue();
            }
        }
    }

    @Test
    void shouldDescribeTheKindsFieldsFromItsSchema() {
        Map<String, AnswerForms.Spec> recognition = byName(forms.specs("RECOGNITION"));
        assertThat(recognition.get("outcome").input()).isEqualTo(AnswerForms.Input.SELECT);
        assertThat(recognition.get("outcome").options()).containsExactly("GRANTED", "GRANTED_WITH_CONDITIONS",
                "REFUSED");
        assertThat(recognition.get("outcome").required()).isTrue();
        // Required by the schema's allOf without a condition.
        assertThat(recognition.get("equivalence").required()).isTrue();
        assertThat(recognition.get("reference").required()).isTrue();
        assertThat(recognition.get("reasons").requiredFor()).containsExactly("REFUSED");
        assertThat(recognition.get("compensationMeasures").input()).isEqualTo(AnswerForms.Input.ROWS);
        assertThat(forms.names("RECOGNITION")).contains("compensationMeasures.0.type",
                "compensationMeasures.2.durationMonths");

        Map<String, AnswerForms.Spec> consent = byName(forms.specs("BA_CONSENT"));
        assertThat(consent.get("conditions").input()).isEqualTo(AnswerForms.Input.LINES);
        Map<String, AnswerForms.Spec> restrictions = byName(consent.get("restrictions").children());
        assertThat(restrictions.get("restrictions.weeklyHours").input()).isEqualTo(AnswerForms.Input.NUMBER);
        assertThat(restrictions.get("restrictions.durationMonths").input()).isEqualTo(AnswerForms.Input.INTEGER);
        assertThat(restrictions.get("restrictions.durationMonths").maximum()).isEqualByComparingTo("60");

        assertThat(forms.field("BA_CONSENT", "/restrictions/weeklyHours")).isEqualTo("restrictions.weeklyHours");
        assertThat(forms.field("BA_CONSENT", "/conditions/0")).isEqualTo("conditions");
        assertThat(forms.field("RECOGNITION", "/compensationMeasures")).isEqualTo("compensationMeasures");
        assertThat(forms.field("RECOGNITION", "/compensationMeasures/1/type"))
                .isEqualTo("compensationMeasures.1.type");
        assertThat(forms.field("BA_CONSENT", "/")).isEqualTo("form");
    }

    @Test
    void shouldPassOnWhatIsNotANumberAsEnteredSoThatTheServiceNamesTheMistake() {
        JsonNode answer = forms.answer("BA_CONSENT", Map.of("outcome", "GRANTED_WITH_CONDITIONS",
                "restrictions.weeklyHours", "vierzig", "restrictions.durationMonths", "12", "reasons", "  "));
        assertThat(answer.toString()).isEqualTo(
                "{\"outcome\":\"GRANTED_WITH_CONDITIONS\",\"restrictions\":{\"weeklyHours\":\"vierzig\","
                        + "\"durationMonths\":12}}");
    }

    @Test
    void shouldDescribeAnAnswersFurtherFieldsInWords() throws Exception {
        JsonNode measures = JSON.readTree("[{\"type\":\"ADAPTATION_PERIOD\",\"durationMonths\":6}]");
        assertThat(forms.describe("de", "compensationMeasures", measures))
                .isEqualTo("Art der Maßnahme: Anpassungslehrgang, Dauer in Monaten: 6");
        assertThat(forms.describe("en", "equivalence", JSON.readTree("\"PARTIAL\""))).isEqualTo("Partial equivalence");
    }

    /** Every kind with a schema in the gateway. */
    static List<String> kinds() {
        return InMemoryInteractionServices.services().values().stream().flatMap(List::stream).sorted().toList();
    }

    /** An answer as a partner would enter it in the form: nested fields by dotted name, a list one per line. */
    static Map<String, String> formValues(JsonNode answer) {
        Map<String, String> values = new LinkedHashMap<>();
        flatten("", answer, values);
        return values;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> values) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String name = prefix + f.getKey();
            JsonNode value = f.getValue();
            if (value.isObject()) {
                flatten(name + ".", value, values);
            } else if (value.isArray() && value.size() > 0 && value.get(0).isObject()) {
                for (int i = 0; i < value.size(); i++) {
                    flatten(name + "." + i + ".", value.get(i), values);
                }
            } else if (value.isArray()) {
                List<String> lines = new ArrayList<>();
                value.forEach(v -> lines.add(v.asText()));
                values.put(name, String.join("\n", lines));
            } else {
                values.put(name, value.asText());
            }
        }
    }

    private static void labelKeys(List<AnswerForms.Spec> specs, List<String> keys) {
        for (AnswerForms.Spec s : specs) {
            keys.add("field." + s.labelKey());
            s.options().forEach(o -> keys.add("value." + o));
            labelKeys(s.children(), keys);
        }
    }

    private static Map<String, AnswerForms.Spec> byName(List<AnswerForms.Spec> specs) {
        Map<String, AnswerForms.Spec> map = new LinkedHashMap<>();
        specs.forEach(s -> map.put(s.name(), s));
        return map;
    }

    /** Numbers equal by value (40 entered is 40 in the example, whatever the node's type). */
    private static final java.util.Comparator<JsonNode> NUMERIC = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };
}

package de.fallnetz.gateway.portal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;

/**
 * The portal's answer form of each interaction kind, drawn from the JSON Schema the kind's service validates answers
 * with ({@code answer-schemas/<KIND>.json}, copied into the gateway by the build): a field per property, with its
 * type, allowed values, whether it is required (always, or for some outcomes) and its label in German and English
 * ({@code portal/answer-fields*.properties}). The form's values become the answer's JSON the same way; the service
 * still validates it, and its violations come back to the fields by JSON pointer.
 */
@ApplicationScoped
public class AnswerForms {

    /** How a field is entered. */
    public enum Input {
        TEXT, TEXTAREA, LINES, SELECT, NUMBER, INTEGER, DATE, CHECKBOX, GROUP, ROWS
    }

    /**
     * One property of an answer schema: {@code name} is the form field's name ({@code restrictions.weeklyHours}),
     * {@code label} the key of its label ({@code restrictions.weeklyHours}, rows without their index).
     */
    public record Spec(String name, String labelKey, Input input, boolean required, List<String> requiredFor,
            List<String> options, BigDecimal minimum, BigDecimal maximum, Integer maxLength, String pattern,
            int rows, List<Spec> children) {
    }

    /** Rows offered for an array of objects (e.g. a recognition's compensation measures). */
    static final int ROWS = 3;
    private static final int TEXTAREA_FROM = 500;
    /** The common fields of every kind, for a kind without a schema here (its service still validates). */
    private static final String FALLBACK = "{\"type\":\"object\",\"required\":[\"outcome\"],\"properties\":{"
            + "\"outcome\":{\"type\":\"string\",\"maxLength\":60},\"reasons\":{\"type\":\"string\",\"maxLength\":4000},"
            + "\"conditions\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}}}";

    private final ObjectMapper json;
    private final Map<String, List<Spec>> byKind = new ConcurrentHashMap<>();
    private final Map<String, Properties> labels = new ConcurrentHashMap<>();

    public AnswerForms(ObjectMapper json) {
        this.json = json;
    }

    /** Where the kind's answer schema lies on the class path. */
    public static String resource(String kind) {
        return "answer-schemas/" + kind + ".json";
    }

    /** The kind's fields, in the schema's order. */
    public List<Spec> specs(String kind) {
        return byKind.computeIfAbsent(kind == null ? "" : kind, k -> parse(schema(k)));
    }

    /** The kind's answer schema, or the common fields' when the gateway has none for it. */
    public JsonNode schema(String kind) {
        try (InputStream in = kind == null || !kind.matches("[A-Z][A-Z0-9_]{0,59}") ? null
                : Thread.currentThread().getContextClassLoader().getResourceAsStream(resource(kind))) {
            return in == null ? json.readTree(FALLBACK) : json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every form field name of the kind, nested ones and each row's included. */
    public Set<String> names(String kind) {
        Set<String> names = new LinkedHashSet<>();
        collect(specs(kind), names);
        return names;
    }

    private static void collect(List<Spec> specs, Set<String> names) {
        for (Spec s : specs) {
            names.add(s.name());
            collect(s.children(), names);
        }
    }

    /** The answer's JSON from the form's values: blank fields and empty groups are left out. */
    public ObjectNode answer(String kind, Map<String, String> values) {
        ObjectNode body = json.createObjectNode();
        fill(body, specs(kind), values);
        return body;
    }

    private void fill(ObjectNode target, List<Spec> specs, Map<String, String> values) {
        for (Spec s : specs) {
            String property = s.name().substring(s.name().lastIndexOf('.') + 1);
            String value = values.get(s.name());
            switch (s.input()) {
                case GROUP:
                    ObjectNode group = json.createObjectNode();
                    fill(group, s.children(), values);
                    if (!group.isEmpty()) {
                        target.set(property, group);
                    }
                    break;
                case ROWS:
                    ArrayNode rows = json.createArrayNode();
                    for (Spec row : s.children()) {
                        ObjectNode item = json.createObjectNode();
                        fill(item, row.children(), values);
                        if (!item.isEmpty()) {
                            rows.add(item);
                        }
                    }
                    if (!rows.isEmpty()) {
                        target.set(property, rows);
                    }
                    break;
                case LINES:
                    if (!blank(value)) {
                        ArrayNode lines = target.putArray(property);
                        value.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(lines::add);
                    }
                    break;
                case CHECKBOX:
                    if (!blank(value)) {
                        target.put(property, true);
                    }
                    break;
                case NUMBER:
                case INTEGER:
                    if (!blank(value)) {
                        number(value.strip()).ifPresentOrElse(n -> target.set(property, n),
                                // Not a number: passed on as entered, so that the service names the mistake.
                                () -> target.put(property, value.strip()));
                    }
                    break;
                default:
                    if (!blank(value)) {
                        target.put(property, value.strip());
                    }
            }
        }
    }

    private Optional<JsonNode> number(String text) {
        try {
            BigDecimal n = new BigDecimal(text.replace(',', '.'));
            if (n.scale() <= 0 || n.stripTrailingZeros().scale() <= 0) {
                return Optional.of(json.getNodeFactory().numberNode(n.longValueExact()));
            }
            return Optional.of(json.getNodeFactory().numberNode(n));
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /**
     * The form field (or group) a violation's JSON pointer names: the longest known name it begins with
     * ({@code /conditions/0} is the conditions field, {@code /restrictions/weeklyHours} that field of the group),
     * {@code form} for the answer as a whole.
     */
    public String field(String kind, String pointer) {
        Set<String> names = names(kind);
        List<String> parts = new ArrayList<>(List.of(pointer.replaceFirst("^/", "").split("/")));
        while (!parts.isEmpty()) {
            String name = String.join(".", parts);
            if (names.contains(name)) {
                return name;
            }
            parts.remove(parts.size() - 1);
        }
        return "form";
    }

    /** The label of a field (by its label key) or an allowed value, in the language; the key itself when none. */
    public String label(String lang, String key) {
        String text = labels(lang).getProperty(key);
        return text != null ? text : labels("de").getProperty(key, key.replaceFirst("^(field|value)\\.", ""));
    }

    /**
     * An answer's value for the page, in words: an allowed value by its label, a group as "label: value" pairs, a list
     * joined; {@code key} is the property's label key ({@code restrictions}, {@code compensationMeasures}).
     */
    public String describe(String lang, String key, JsonNode value) {
        if (value.isObject()) {
            List<String> parts = new ArrayList<>();
            value.fields().forEachRemaining(f -> parts.add(label(lang, "field." + key + "." + f.getKey()) + ": "
                    + describe(lang, key + "." + f.getKey(), f.getValue())));
            return String.join(", ", parts);
        }
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            value.forEach(v -> parts.add(describe(lang, key, v)));
            return String.join("; ", parts);
        }
        String text = value.asText();
        return hasLabel(lang, "value." + text) ? label(lang, "value." + text) : text;
    }

    /** Whether a label exists in the language (for the test that every field and value has one in both). */
    public boolean hasLabel(String lang, String key) {
        return labels(lang).containsKey(key);
    }

    private Properties labels(String lang) {
        return labels.computeIfAbsent("en".equals(lang) ? "en" : "de", l -> {
            Properties p = new Properties();
            String name = "portal/answer-fields" + ("en".equals(l) ? "_en" : "") + ".properties";
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
                if (in != null) {
                    p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return p;
        });
    }

    /** The form's sections for the page: each field with its label, value, hint and violation. */
    public List<PortalViews.Section> sections(String kind, String lang, Map<String, String> values,
            Map<String, String> violations) {
        PortalMessages m = MessageBundles.get(PortalMessages.class, Localized.Literal.of(lang));
        List<PortalViews.Section> sections = new ArrayList<>();
        List<PortalViews.Field> loose = new ArrayList<>();
        for (Spec s : specs(kind)) {
            if (s.input() == Input.GROUP || s.input() == Input.ROWS) {
                if (!loose.isEmpty()) {
                    sections.add(new PortalViews.Section(null, null, null, null, false, List.copyOf(loose)));
                    loose.clear();
                }
                if (s.input() == Input.GROUP) {
                    sections.add(new PortalViews.Section(id(s.name()), label(lang, "field." + s.labelKey()),
                            groupHint(s, s.children(), lang, m), violations.get(s.name()), true,
                            fields(s.children(), !s.required(), lang, m, values, violations)));
                } else {
                    int n = 0;
                    for (Spec row : s.children()) {
                        n++;
                        String error = violations.get(row.name());
                        if (n == 1 && violations.containsKey(s.name())) {
                            error = error == null ? violations.get(s.name())
                                    : violations.get(s.name()) + "; " + error;
                        }
                        String hint = groupHint(row, row.children(), lang, m);
                        if (n == 1 && hint(s, lang, m) != null) {
                            hint = hint == null ? hint(s, lang, m) : hint(s, lang, m) + " " + hint;
                        }
                        sections.add(new PortalViews.Section(id(row.name()),
                                m.row(label(lang, "field." + s.labelKey()), n, s.rows()), hint, error, true,
                                fields(row.children(), true, lang, m, values, violations)));
                    }
                }
            } else {
                loose.add(field(s, lang, m, values, violations));
            }
        }
        if (!loose.isEmpty()) {
            sections.add(new PortalViews.Section(null, null, null, null, false, List.copyOf(loose)));
        }
        return sections;
    }

    /**
     * The fields of a group; in a group that may be left out ({@code optional}) a field the group requires is not
     * marked required itself, the group's hint names it instead.
     */
    private List<PortalViews.Field> fields(List<Spec> specs, boolean optional, String lang, PortalMessages m,
            Map<String, String> values, Map<String, String> violations) {
        return specs.stream().map(s -> field(s, !optional && s.required(), lang, m, values, violations)).toList();
    }

    /** A group's hint: its own, and which of its fields it needs when it is given at all. */
    private String groupHint(Spec group, List<Spec> children, String lang, PortalMessages m) {
        String own = group.input() == Input.GROUP && group.labelKey().equals(group.name()) ? hint(group, lang, m)
                : null;
        List<String> needed = children.stream().filter(Spec::required).map(c -> label(lang, "field." + c.labelKey()))
                .toList();
        if (group.required() || needed.isEmpty()) {
            return own;
        }
        String within = m.required_within(String.join(", ", needed));
        return own == null ? within : own + " " + within;
    }

    private PortalViews.Field field(Spec s, String lang, PortalMessages m, Map<String, String> values,
            Map<String, String> violations) {
        return field(s, s.required(), lang, m, values, violations);
    }

    private PortalViews.Field field(Spec s, boolean required, String lang, PortalMessages m,
            Map<String, String> values, Map<String, String> violations) {
        String value = values.get(s.name());
        List<PortalViews.Option> options = s.options().stream()
                .map(o -> new PortalViews.Option(o, label(lang, "value." + o), o.equals(value))).toList();
        String step = s.input() == Input.INTEGER ? "1" : s.input() == Input.NUMBER ? "any" : null;
        return new PortalViews.Field(s.name(), id(s.name()), label(lang, "field." + s.labelKey()),
                s.input().name().toLowerCase(java.util.Locale.ROOT), required, hint(s, lang, m), options,
                value == null ? "" : value, violations.get(s.name()),
                s.minimum() == null ? null : s.minimum().toPlainString(),
                s.maximum() == null ? null : s.maximum().toPlainString(), step, s.maxLength(), s.pattern());
    }

    /** What a field's label does not say: one per line, required for which outcomes. */
    private String hint(Spec s, String lang, PortalMessages m) {
        List<String> parts = new ArrayList<>();
        if (s.input() == Input.LINES) {
            parts.add(m.one_per_line());
        }
        if (!s.required() && !s.requiredFor().isEmpty()) {
            parts.add(m.required_for(String.join(", ", s.requiredFor().stream()
                    .map(o -> label(lang, "value." + o)).toList())));
        }
        return parts.isEmpty() ? null : String.join(" ", parts);
    }

    /** The element id of a field: {@code answer-} and its name; the hand-off's documents keep their older id. */
    static String id(String name) {
        return "submittedDocuments".equals(name) ? "answer-documents" : "answer-" + name.replace('.', '-');
    }

    // The schema's shape, read once per kind.

    private List<Spec> parse(JsonNode schema) {
        Set<String> required = new LinkedHashSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        Map<String, List<String>> requiredFor = new LinkedHashMap<>();
        for (JsonNode rule : schema.path("allOf")) {
            if (!rule.has("if")) {
                rule.path("required").forEach(r -> required.add(r.asText()));
                continue;
            }
            JsonNode outcome = rule.at("/if/properties/outcome/const");
            if (outcome.isTextual()) {
                rule.at("/then/required").forEach(r -> requiredFor.computeIfAbsent(r.asText(),
                        k -> new ArrayList<>()).add(outcome.asText()));
            }
        }
        return properties(schema, "", "", required, requiredFor);
    }

    private List<Spec> properties(JsonNode object, String prefix, String labelPrefix, Set<String> required,
            Map<String, List<String>> requiredFor) {
        List<Spec> specs = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> properties = object.path("properties").fields();
        while (properties.hasNext()) {
            Map.Entry<String, JsonNode> p = properties.next();
            specs.add(spec(prefix + p.getKey(), labelPrefix + p.getKey(), p.getValue(),
                    required.contains(p.getKey()), requiredFor.getOrDefault(p.getKey(), List.of())));
        }
        return specs;
    }

    private Spec spec(String name, String labelKey, JsonNode p, boolean required, List<String> requiredFor) {
        String type = p.path("type").asText("");
        List<String> options = new ArrayList<>();
        p.path("enum").forEach(e -> options.add(e.asText()));
        BigDecimal min = p.has("minimum") ? p.get("minimum").decimalValue()
                : p.has("exclusiveMinimum") ? p.get("exclusiveMinimum").decimalValue() : null;
        BigDecimal max = p.has("maximum") ? p.get("maximum").decimalValue() : null;
        Integer maxLength = p.has("maxLength") ? p.get("maxLength").asInt() : null;
        String pattern = p.has("pattern") ? p.get("pattern").asText() : null;
        Input input;
        List<Spec> children = List.of();
        int rows = 0;
        if (!options.isEmpty()) {
            input = Input.SELECT;
        } else if ("object".equals(type)) {
            input = Input.GROUP;
            Set<String> inner = new LinkedHashSet<>();
            p.path("required").forEach(r -> inner.add(r.asText()));
            children = properties(p, name + ".", labelKey + ".", inner, Map.of());
        } else if ("array".equals(type) && "object".equals(p.at("/items/type").asText())) {
            input = Input.ROWS;
            rows = Math.min(ROWS, p.path("maxItems").asInt(ROWS));
            Set<String> inner = new LinkedHashSet<>();
            p.at("/items/required").forEach(r -> inner.add(r.asText()));
            List<Spec> list = new ArrayList<>();
            for (int i = 0; i < rows; i++) {
                list.add(new Spec(name + "." + i, labelKey, Input.GROUP, false, List.of(), List.of(), null, null,
                        null, null, 0, properties(p.path("items"), name + "." + i + ".", labelKey + ".", inner,
                                Map.of())));
            }
            children = list;
        } else if ("array".equals(type)) {
            input = Input.LINES;
        } else if ("integer".equals(type)) {
            input = Input.INTEGER;
        } else if ("number".equals(type)) {
            input = Input.NUMBER;
        } else if ("boolean".equals(type)) {
            input = Input.CHECKBOX;
        } else if ("date".equals(p.path("format").asText())) {
            input = Input.DATE;
        } else {
            input = maxLength != null && maxLength < TEXTAREA_FROM ? Input.TEXT : Input.TEXTAREA;
        }
        return new Spec(name, labelKey, input, required, List.copyOf(requiredFor), List.copyOf(options), min, max,
                maxLength, pattern, rows, children);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}

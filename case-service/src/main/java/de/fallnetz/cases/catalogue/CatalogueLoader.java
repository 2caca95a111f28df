package de.fallnetz.cases.catalogue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import de.fallnetz.cases.catalogue.CaseTypeVersion.Competence;
import de.fallnetz.cases.catalogue.CaseTypeVersion.Status;
import de.fallnetz.cases.catalogue.FieldSpec.Type;
import de.fallnetz.contracts.cases.ApplicantData;
import de.fallnetz.contracts.events.EventType;

/**
 * Reads the catalogue from the classpath: {@code <root>/index.yaml} lists the case type codes, and each code has
 * {@code <root>/<CODE>/v1.yaml}, {@code v2.yaml}, ... without gaps. Every file is checked against
 * {@code case-type.schema.json} and for cross-references; configured settings replace the values the files mark as
 * configurable. Any problem ends loading with a {@link CatalogueException} that names the file.
 */
final class CatalogueLoader {

    public static final String DEFAULT_ROOT = "catalogue";
    public static final String SCHEMA = "case-type.schema.json";
    public static final String INDEX = "index.yaml";
    private static final String APPLICANT_PREFIX = "applicant.";

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final String root;
    private final Set<String> nationalityLists;
    private final Map<String, String> overrides;
    private final List<Setting> settings = new ArrayList<>();

    /**
     * @param root the classpath folder, normally {@link #DEFAULT_ROOT}
     * @param nationalityLists the names of the configured nationality lists
     * @param overrides configured setting values by setting name
     */
    public CatalogueLoader(String root, Set<String> nationalityLists, Map<String, String> overrides) {
        this.root = root;
        this.nationalityLists = nationalityLists;
        this.overrides = overrides;
    }

    /** The loaded catalogue: every version of every code (oldest first, codes in index order) and the settings. */
    public record Loaded(Map<String, List<CatalogueEntry>> entries, List<Setting> settings) {
    }

    public Loaded load() {
        JsonSchema schema = schema();
        Map<String, List<CatalogueEntry>> entries = new LinkedHashMap<>();
        for (String code : codes()) {
            List<CatalogueEntry> versions = new ArrayList<>();
            for (int n = 1; exists(code + "/v" + n + ".yaml"); n++) {
                versions.add(entry(schema, code, n));
            }
            if (versions.isEmpty()) {
                throw new CatalogueException(root + "/" + INDEX + " lists " + code + ", but " + root + "/" + code
                        + "/v1.yaml does not exist");
            }
            checkValidFromOrder(versions);
            entries.put(code, List.copyOf(versions));
        }
        Set<String> known = settings.stream().map(Setting::name).collect(Collectors.toSet());
        Set<String> unknown = new TreeSet<>(overrides.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new CatalogueException("fallnetz.catalogue.settings names " + unknown
                    + ", which no catalogue file declares; known settings: " + new TreeSet<>(known));
        }
        return new Loaded(entries, List.copyOf(settings));
    }

    /** The case type codes of the index, in its order. */
    public List<String> codes() {
        JsonNode index = readYaml(INDEX);
        List<String> codes = new ArrayList<>();
        index.path("caseTypes").forEach(c -> codes.add(c.asText()));
        if (codes.isEmpty()) {
            throw new CatalogueException(root + "/" + INDEX + " lists no caseTypes");
        }
        return codes;
    }

    /** What is wrong with one file's content against the schema; empty when it fits. */
    public List<String> schemaViolations(JsonNode file) {
        return schema().validate(file).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    private CatalogueEntry entry(JsonSchema schema, String code, int n) {
        String file = code + "/v" + n + ".yaml";
        JsonNode tree = readYaml(file);
        List<String> violations = schema.validate(tree).stream().map(ValidationMessage::getMessage).sorted()
                .toList();
        if (!violations.isEmpty()) {
            throw new CatalogueException(root + "/" + file + " does not fit " + SCHEMA + ": "
                    + String.join("; ", violations));
        }
        applySettings(tree, file, "");
        for (JsonNode field : tree.path("fields")) {
            if (!field.has("allowed")) {
                ((ObjectNode) field).putArray("allowed");
            }
        }
        CatalogueEntry entry;
        try {
            CaseTypeVersion version = YAML.treeToValue(tree, CaseTypeVersion.class);
            SalaryThresholds thresholds = tree.has("salaryThresholds")
                    ? YAML.treeToValue(tree.get("salaryThresholds"), SalaryThresholds.class)
                    : null;
            List<PolicyParameter> parameters = new ArrayList<>();
            for (JsonNode p : tree.path("parameters")) {
                parameters.add(YAML.treeToValue(p, PolicyParameter.class));
            }
            entry = new CatalogueEntry(version, root + "/" + file, thresholds, List.copyOf(parameters),
                    tree.path("changeNote").textValue());
        } catch (JsonProcessingException e) {
            throw new CatalogueException(root + "/" + file + " cannot be read: " + e.getOriginalMessage());
        }
        List<String> problems = new ArrayList<>();
        if (!entry.version().code().equals(code) || entry.version().version() != n) {
            problems.add("says it is " + entry.version().code() + " version " + entry.version().version()
                    + ", but its path makes it " + code + " version " + n);
        }
        problems.addAll(crossReferenceProblems(entry, nationalityLists));
        if (!problems.isEmpty()) {
            throw new CatalogueException(root + "/" + file + ": " + String.join("; ", problems));
        }
        return entry;
    }

    /**
     * Whether the names inside one version agree with each other and with the rest of the system: interaction kinds
     * and partners, the fields that conditions, data fields and thresholds name, the case statuses, the naming
     * conventions of the postal-code fields.
     */
    static List<String> crossReferenceProblems(CatalogueEntry entry, Set<String> nationalityLists) {
        CaseTypeVersion v = entry.version();
        List<String> problems = new ArrayList<>();
        Map<String, FieldSpec> fields = new LinkedHashMap<>();
        for (FieldSpec f : v.fields()) {
            if (fields.put(f.name(), f) != null) {
                problems.add("field " + f.name() + " is defined twice");
            }
            if ((f.min() != null || f.max() != null) && f.type() != Type.MONEY && f.type() != Type.INTEGER) {
                problems.add("field " + f.name() + " has min/max but is " + f.type());
            }
            if (f.min() != null && f.max() != null && f.min().compareTo(f.max()) > 0) {
                problems.add("field " + f.name() + " has min above max");
            }
        }
        Set<String> ids = new HashSet<>();
        v.checklist().stream().filter(i -> !ids.add(i.id()))
                .forEach(i -> problems.add("checklist item " + i.id() + " is defined twice"));
        String postalCodeField = v.competence() == Competence.PLACE_OF_WORK ? "placeOfWorkPostalCode" : "postalCode";
        FieldSpec postal = fields.get(postalCodeField);
        if (postal == null || postal.type() != Type.POSTAL_CODE || !postal.required()) {
            problems.add("competence " + v.competence() + " needs a required POSTAL_CODE field " + postalCodeField);
        }
        if (v.status() == Status.PUBLISHED && v.validFrom() == null) {
            problems.add("a PUBLISHED version needs validFrom");
        }
        Set<String> applicantFields = applicantFields();
        Set<String> kinds = new HashSet<>();
        for (InteractionRule rule : v.interactions()) {
            String where = "interaction " + rule.kind();
            if (!kinds.add(rule.kind())) {
                problems.add(where + " is listed twice");
            }
            InteractionKind.of(rule.kind()).ifPresentOrElse(kind -> {
                if (!kind.partnerOrganisation().equals(rule.partnerOrganisation())) {
                    problems.add(where + " goes to " + kind.partnerOrganisation() + ", not "
                            + rule.partnerOrganisation());
                }
            }, () -> problems.add(where + " is not a known interaction kind"));
            conditionProblems(rule.when(), fields, nationalityLists, where, problems);
            for (String data : rule.dataFields()) {
                boolean known = data.startsWith(APPLICANT_PREFIX)
                        ? applicantFields.contains(data.substring(APPLICANT_PREFIX.length()))
                        : fields.containsKey(data);
                if (!known) {
                    problems.add(where + " shares " + data + ", which is neither a field nor an applicant.* field "
                            + applicantFields);
                }
            }
            boolean none = "NONE".equals(rule.deadline().unit());
            if (none != (rule.deadline().amount() == 0)) {
                problems.add(where + " has a deadline of " + rule.deadline().amount() + " " + rule.deadline().unit()
                        + ": unit NONE goes with amount 0, and only with it");
            }
        }
        Set<String> statuses = caseStatuses();
        for (String status : v.statusTexts().keySet()) {
            if (!statuses.contains(status)) {
                problems.add("statusTexts names " + status + ", which is not a case status " + statuses);
            }
        }
        for (String status : statuses) {
            if (!v.statusTexts().containsKey(status)) {
                problems.add("statusTexts lacks " + status);
            }
        }
        if (entry.salaryThresholds() != null) {
            thresholdProblems(entry.salaryThresholds(), fields, problems);
        }
        return problems;
    }

    private static void thresholdProblems(SalaryThresholds t, Map<String, FieldSpec> fields, List<String> problems) {
        FieldSpec salary = fields.get(t.field());
        if (salary == null || salary.type() != Type.MONEY) {
            problems.add("salaryThresholds.field " + t.field() + " is not a MONEY field");
        }
        FieldSpec band = fields.get(t.bandField());
        if (band == null || band.type() != Type.ENUM) {
            problems.add("salaryThresholds.bandField " + t.bandField() + " is not an ENUM field");
            return;
        }
        Set<Integer> years = new HashSet<>();
        for (SalaryThresholds.Year year : t.years()) {
            if (!years.add(year.year())) {
                problems.add("salaryThresholds has " + year.year() + " twice");
            }
            if (!year.bands().keySet().equals(Set.copyOf(band.allowed()))) {
                problems.add("salaryThresholds " + year.year() + " has bands " + year.bands().keySet()
                        + ", but " + t.bandField() + " allows " + band.allowed());
            }
        }
    }

    private static void conditionProblems(Condition c, Map<String, FieldSpec> fields, Set<String> nationalityLists,
            String where, List<String> problems) {
        if (c == null) {
            problems.add(where + " has no condition");
            return;
        }
        if (c.field() != null) {
            FieldSpec field = fields.get(c.field());
            if (field == null) {
                problems.add(where + " depends on " + c.field() + ", which is not a field");
            } else if (field.type() == Type.ENUM) {
                List<Object> values = c.in() != null ? c.in() : List.of(c.equals());
                values.stream().map(String::valueOf).filter(x -> !field.allowed().contains(x))
                        .forEach(x -> problems.add(where + " compares " + c.field() + " with " + x
                                + ", which it does not allow " + field.allowed()));
            }
        }
        if (c.nationalityIn() != null && !nationalityLists.contains(c.nationalityIn())) {
            problems.add(where + " names the nationality list " + c.nationalityIn()
                    + ", which is not configured (fallnetz.catalogue.nationality-lists." + c.nationalityIn() + ")");
        }
        for (List<Condition> parts : Arrays.asList(c.allOf(), c.anyOf())) {
            if (parts != null) {
                parts.forEach(p -> conditionProblems(p, fields, nationalityLists, where, problems));
            }
        }
        if (c.not() != null) {
            conditionProblems(c.not(), fields, nationalityLists, where, problems);
        }
    }

    private static void checkValidFromOrder(List<CatalogueEntry> versions) {
        List<CaseTypeVersion> published = versions.stream().map(CatalogueEntry::version)
                .filter(v -> v.status() == Status.PUBLISHED).toList();
        for (int i = 1; i < published.size(); i++) {
            LocalDate before = published.get(i - 1).validFrom();
            if (!published.get(i).validFrom().isAfter(before)) {
                CaseTypeVersion v = published.get(i);
                throw new CatalogueException(v.code() + " version " + v.version() + " is valid from "
                        + v.validFrom() + ", not after the version before it (" + before + ")");
            }
        }
    }

    /** The applicant's fields, which interactions may share as {@code applicant.<name>}. */
    static Set<String> applicantFields() {
        return Arrays.stream(ApplicantData.class.getRecordComponents())
                .map(RecordComponent::getName).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The case statuses, as the contract of {@code de.fallnetz.case.status-changed} lists them. */
    static Set<String> caseStatuses() {
        try (InputStream in = EventType.class.getResourceAsStream(EventType.CASE_STATUS_CHANGED.schemaResource())) {
            Set<String> statuses = new TreeSet<>();
            JSON.readTree(in).path("properties").path("status").path("enum").forEach(s -> statuses.add(s.asText()));
            return statuses;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Replaces every {@code {value, setting, why}} object with its value, or with the configured override, and
     * remembers the setting.
     */
    private void applySettings(JsonNode node, String file, String path) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                applySettings(node.get(i), file, path + "[" + i + "]");
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        ObjectNode object = (ObjectNode) node;
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> child = it.next();
            String childPath = path.isEmpty() ? child.getKey() : path + "." + child.getKey();
            JsonNode value = child.getValue();
            if (value.isObject() && value.has("setting") && value.has("value")) {
                String name = value.get("setting").asText();
                JsonNode defaultValue = value.get("value");
                JsonNode effective = overrides.containsKey(name)
                        ? override(name, overrides.get(name), defaultValue)
                        : defaultValue;
                settings.add(new Setting(name, scalar(defaultValue), scalar(effective), file + " " + childPath,
                        value.get("why").asText()));
                child.setValue(effective);
            } else {
                applySettings(value, file, childPath);
            }
        }
    }

    private static JsonNode override(String name, String text, JsonNode defaultValue) {
        String trimmed = text.trim();
        if (defaultValue.isNumber()) {
            try {
                BigDecimal number = new BigDecimal(trimmed);
                return defaultValue.isIntegralNumber()
                        ? JSON.getNodeFactory().numberNode(number.intValueExact())
                        : JSON.getNodeFactory().numberNode(number);
            } catch (ArithmeticException | NumberFormatException e) {
                throw new CatalogueException("fallnetz.catalogue.settings." + name + "=" + text + " must be a "
                        + (defaultValue.isIntegralNumber() ? "whole number" : "number"));
            }
        }
        if (defaultValue.isBoolean()) {
            if (!trimmed.equals("true") && !trimmed.equals("false")) {
                throw new CatalogueException("fallnetz.catalogue.settings." + name + "=" + text
                        + " must be true or false");
            }
            return JSON.getNodeFactory().booleanNode(Boolean.parseBoolean(trimmed));
        }
        return JSON.getNodeFactory().textNode(trimmed);
    }

    private static Object scalar(JsonNode node) {
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().intValueExact();
        }
        return node.isNumber() ? node.decimalValue() : node.asText();
    }

    /** The schema, always the service's own, whatever folder the data come from. */
    private static JsonSchema schema() {
        try (InputStream in = loader().getResourceAsStream(DEFAULT_ROOT + "/" + SCHEMA)) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode readYaml(String file) {
        try (InputStream in = open(file)) {
            JsonNode tree = YAML.readTree(in);
            if (tree == null || !tree.isObject()) {
                throw new CatalogueException(root + "/" + file + " is empty or not a YAML mapping");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw new CatalogueException(root + "/" + file + " is not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean exists(String file) {
        return loader().getResource(root + "/" + file) != null;
    }

    private InputStream open(String file) {
        InputStream in = loader().getResourceAsStream(root + "/" + file);
        if (in == null) {
            throw new CatalogueException(root + "/" + file + " is missing from the classpath");
        }
        return in;
    }

    private static ClassLoader loader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : CatalogueLoader.class.getClassLoader();
    }
}

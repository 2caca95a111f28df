package de.fallnetz.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** YAML documents as plain maps and lists, the form every check here works on. */
final class Yaml {

    static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper();

    private Yaml() {
    }

    static Object parse(String text) {
        try {
            return MAPPER.readValue(text, Object.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> one(Path file) {
        try {
            return MAPPER.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    /** Every non-empty document of a multi-document file. */
    static List<Map<String, Object>> all(Path file) {
        return all(read(file), file.toString());
    }

    static List<Map<String, Object>> all(String text, String source) {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (MappingIterator<Object> it = MAPPER.readerFor(Object.class)
                .readValues(MAPPER.getFactory().createParser(text))) {
            while (it.hasNext()) {
                Object document = it.next();
                if (document != null) {
                    documents.add(map(document));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(source, e);
        }
        return documents;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o == null ? List.of() : (List<Object>) o;
    }

    /** The map under {@code key}, created when missing. */
    static Map<String, Object> child(Map<String, Object> parent, String key) {
        Object child = parent.get(key);
        if (child == null) {
            child = new LinkedHashMap<String, Object>();
            parent.put(key, child);
        }
        return map(child);
    }

    /** The value at a path of map keys, or null. */
    static Object at(Object root, String... keys) {
        Object current = root;
        for (String key : keys) {
            if (!(current instanceof Map)) {
                return null;
            }
            current = map(current).get(key);
        }
        return current;
    }
}

package de.fallnetz.platform.rest;

import java.io.IOException;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * The input rules every service shares, on the one ObjectMapper that reads request bodies and events: a key given
 * twice in one object is refused (which value would count is a guess), and so is a string with a control character
 * other than tab, line feed and carriage return (PostgreSQL cannot store NUL, and none belongs in a name).
 */
@Singleton
public class StrictJsonCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.registerModule(new SimpleModule("fallnetz-strict-strings")
                .addDeserializer(String.class, new NoControlCharacters()));
    }

    /** Reads strings as Jackson does and refuses control characters, naming the field through the parser's path. */
    static final class NoControlCharacters extends StringDeserializer {

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = super.deserialize(p, ctxt);
            if (value != null && p.currentToken() == JsonToken.VALUE_STRING && hasControlCharacter(value)) {
                throw InvalidFormatException.from(p, "must not contain control characters", value, String.class);
            }
            return value;
        }
    }

    /** Whether {@code value} holds a character below U+0020 other than tab, line feed or carriage return. */
    public static boolean hasControlCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f) {
                return true;
            }
        }
        return false;
    }
}

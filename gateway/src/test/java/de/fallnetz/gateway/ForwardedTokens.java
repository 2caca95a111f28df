package de.fallnetz.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The claims of the internal token a stand-in received from the gateway, read without verifying it. */
final class ForwardedTokens {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ForwardedTokens() {
    }

    /** The claims of an {@code Authorization: Bearer <JWT>} header's token. */
    static JsonNode claims(String authorization) {
        String payload = authorization.substring("Bearer ".length()).split("\\.")[1];
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(payload));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

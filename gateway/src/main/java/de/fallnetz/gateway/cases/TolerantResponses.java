package de.fallnetz.gateway.cases;

import jakarta.ws.rs.ext.ContextResolver;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.Arc;

/**
 * The JSON mapper of the REST clients: the application's, except that a response property this build does not know is
 * ignored. The gateway is strict about request bodies it receives (quarkus.jackson.fail-on-unknown-properties=true),
 * but a downstream service must be able to add a response field before the gateway is redeployed.
 */
public class TolerantResponses implements ContextResolver<ObjectMapper> {

    private final ObjectMapper mapper = Arc.container().instance(ObjectMapper.class).get().copy()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return mapper;
    }
}

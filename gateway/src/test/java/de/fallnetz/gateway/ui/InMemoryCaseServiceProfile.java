package de.fallnetz.gateway.ui;

import java.util.Map;
import java.util.Set;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The gateway with {@link InMemoryCaseService} in place of the case-service REST clients the pages use and
 * {@link InMemoryNotificationService} in place of notification-service's. {@code POST /api/cases}
 * ({@code CaseOpeningClient}) has no stand-in here: Quarkus serves a test class that implements a client interface
 * as an endpoint, and a second one would declare {@code POST /cases} twice; the API's tests use the HTTP stand-ins.
 */
public class InMemoryCaseServiceProfile implements QuarkusTestProfile {

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(InMemoryCaseService.class, InMemoryNotificationService.class);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        // Never called: the stand-in answers instead; an address is still needed to set the clients up.
        return Map.of("quarkus.rest-client.case-service.url", "http://127.0.0.1:9");
    }
}

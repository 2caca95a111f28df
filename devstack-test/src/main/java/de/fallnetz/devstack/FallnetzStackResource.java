package de.fallnetz.devstack;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Quarkus test resource that points a service at the JVM's shared stack: its own database and the real broker.
 * Use it with the init argument {@code service} set to the service's ID, e.g. {@code case-service}.
 */
public class FallnetzStackResource implements QuarkusTestResourceLifecycleManager {

    private FallnetzService service;

    @Override
    public void init(Map<String, String> initArgs) {
        String id = initArgs.get("service");
        if (id == null) {
            throw new IllegalArgumentException("FallnetzStackResource needs the init argument 'service'");
        }
        service = FallnetzService.byId(id);
    }

    @Override
    public Map<String, String> start() {
        return service.testProperties(SharedStack.endpoints());
    }

    @Override
    public void stop() {
        // The stack outlives a single test class; SharedStack stops it when the JVM exits.
    }
}

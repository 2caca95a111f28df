package de.fallnetz.interactions.domain;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

/** The policies of this service, by interaction kind. */
@ApplicationScoped
public class InteractionPolicies {

    private final Instance<InteractionPolicy> policies;

    public InteractionPolicies(Instance<InteractionPolicy> policies) {
        this.policies = policies;
    }

    public Optional<InteractionPolicy> forKind(String kind) {
        return policies.stream().filter(p -> p.kinds().contains(kind)).findFirst();
    }

    public InteractionPolicy of(InteractionRequestEntity request) {
        return forKind(request.kind).orElseThrow(
                () -> new IllegalStateException("No policy for kind " + request.kind + " in this service"));
    }

    /** Every kind this service handles. */
    public Set<String> kinds() {
        Set<String> kinds = new TreeSet<>();
        policies.forEach(p -> kinds.addAll(p.kinds()));
        return kinds;
    }
}

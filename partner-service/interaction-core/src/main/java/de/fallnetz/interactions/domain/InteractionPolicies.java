package de.fallnetz.interactions.domain;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import de.fallnetz.contracts.events.FallnetzEvent;
import de.fallnetz.contracts.events.InteractionRequested;

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

    /** The request some policy of this service makes of a case event other than an interaction request, if any. */
    public Optional<InteractionRequested> requestFrom(FallnetzEvent event) {
        return policies.stream().map(p -> p.requestFrom(event)).flatMap(Optional::stream).findFirst();
    }
}

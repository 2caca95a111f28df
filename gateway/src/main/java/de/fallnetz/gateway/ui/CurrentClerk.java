package de.fallnetz.gateway.ui;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * The signed-in clerk as the pages need them: user ID, display name, office and roles, read from the Quarkus
 * {@link SecurityIdentity} (identity contract: roles {@code clerk}, {@code team-lead}; attribute or token claim
 * {@code office_id}; display name {@code name}). The UI never trusts a form field for any of these.
 */
@RequestScoped
public class CurrentClerk {

    static final String CLERK = "clerk";
    static final String TEAM_LEAD = "team-lead";
    static final String OFFICE_ID = "office_id";

    private final SecurityIdentity identity;

    public CurrentClerk(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** The user ID, as case-service stores it as assignee and deciding clerk. */
    public String userId() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    public String displayName() {
        return claim("name").orElse(userId());
    }

    /** The clerk's office; empty when the identity names none (then the clerk sees no worklist). */
    public Optional<String> officeId() {
        return claim(OFFICE_ID);
    }

    public boolean isTeamLead() {
        return identity.hasRole(TEAM_LEAD);
    }

    public boolean isClerk() {
        return identity.hasRole(CLERK) || isTeamLead();
    }

    /** An attribute of the identity, or the claim of the same name when the principal is a token. */
    private Optional<String> claim(String name) {
        Object value = identity.getAttribute(name);
        if (value == null) {
            value = tokenClaim(name);
        }
        return value == null || value.toString().isBlank() ? Optional.empty() : Optional.of(value.toString());
    }

    /** A claim of a MicroProfile JWT principal, read reflectively so the UI does not need the JWT API on its path. */
    private Object tokenClaim(String name) {
        Object principal = identity.getPrincipal();
        if (principal == null) {
            return null;
        }
        try {
            return principal.getClass().getMethod("getClaim", String.class).invoke(principal, name);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}

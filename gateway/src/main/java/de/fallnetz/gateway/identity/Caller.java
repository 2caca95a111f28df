package de.fallnetz.gateway.identity;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who calls, as the identity contract names it: subject, user name, display name, roles, and the office
 * ({@code office_id}, clerks and team leads) or partner organisation ({@code partner_org}, partner systems), and
 * until when the caller's own token is valid ({@code signedInUntil}, null where the identity does not say).
 */
public record Caller(String subject, String username, String name, Set<String> roles, String officeId,
        String partnerOrg, String scope, Instant signedInUntil) {

    public static Caller of(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            throw new io.quarkus.security.UnauthorizedException("No signed-in caller");
        }
        Set<String> roles = new TreeSet<>(identity.getRoles());
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            String username = claim(jwt, "preferred_username");
            return new Caller(jwt.getSubject(), username != null ? username : jwt.getSubject(), claim(jwt, "name"),
                    roles, claim(jwt, "office_id"), claim(jwt, "partner_org"), claim(jwt, "scope"),
                    jwt.getExpirationTime() > 0 ? Instant.ofEpochSecond(jwt.getExpirationTime()) : null);
        }
        // Any other principal (e.g. a simulated identity in tests) may carry the same names as attributes.
        String name = identity.getPrincipal().getName();
        return new Caller(name, name, attribute(identity, "name"), roles, attribute(identity, "office_id"),
                attribute(identity, "partner_org"), attribute(identity, "scope"), null);
    }

    /** The same caller acting through the partner portal: the partner client's scopes, nothing more. */
    public Caller withScope(String granted) {
        return new Caller(subject, username, name, roles, officeId, partnerOrg, granted, signedInUntil);
    }

    private static String attribute(SecurityIdentity identity, String key) {
        Object value = identity.getAttribute(key);
        return value == null ? null : value.toString();
    }

    /** What the audit log names as the actor: the user name, which a data-protection officer can look up. */
    public String actor() {
        return username;
    }

    private static String claim(JsonWebToken jwt, String name) {
        Object value = jwt.getClaim(name);
        return value == null ? null : value.toString().replaceAll("^\"|\"$", "");
    }
}

package de.fallnetz.gateway.identity;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Signs the short-lived internal token with which the gateway passes a caller on to a service (ADR 0006): RS256 with
 * the gateway's own key ({@code smallrye.jwt.sign.key.location}), issuer {@value #ISSUER}, the caller's subject, names,
 * roles as {@code groups}, and {@code office_id} or {@code partner_org}. Every service verifies it with the gateway's
 * public key, so none of them trusts a header that anyone could set, nor needs to know the identity provider.
 */
@ApplicationScoped
public class InternalTokens {

    public static final String ISSUER = "https://fallnetz.local/gateway";
    /** Long enough for one call with its retries, short enough that a leaked token is soon worthless. */
    static final Duration LIFETIME = Duration.ofSeconds(60);

    public String sign(Caller caller) {
        JwtClaimsBuilder claims = Jwt.issuer(ISSUER).subject(caller.subject()).upn(caller.username())
                .groups(caller.roles()).expiresIn(LIFETIME).claim("preferred_username", caller.username());
        if (caller.name() != null) {
            claims.claim("name", caller.name());
        }
        if (caller.officeId() != null) {
            claims.claim("office_id", caller.officeId());
        }
        if (caller.partnerOrg() != null) {
            claims.claim("partner_org", caller.partnerOrg());
        }
        if (caller.scope() != null) {
            claims.claim("scope", caller.scope());
        }
        return claims.jws().sign();
    }
}

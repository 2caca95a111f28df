package de.fallnetz.gateway.identity;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Signs the short-lived internal token with which the gateway passes a caller on to a service (ADR 0006): RS256 with
 * the gateway's own key ({@code smallrye.jwt.sign.key.location}), issuer {@value #ISSUER}, the caller's subject, names,
 * roles as {@code groups}, and {@code office_id} or {@code partner_org}. Every service verifies it with the gateway's
 * public key, so none of them trusts a header that anyone could set, nor needs to know the identity provider.
 * <p>
 * A token lives {@link #LIFETIME} at most and never longer than the caller's own token. It is reused for the same
 * caller (every claim and the caller's own expiry equal) while more than {@link #MIN_REMAINING} of it is left: an RSA
 * signature costs about 10 ms of CPU on the services' C1-only JVM, more than the rest of a request. At most
 * {@link #MAX_CACHED} callers are remembered, the least recently served forgotten first.
 */
@ApplicationScoped
public class InternalTokens {

    public static final String ISSUER = "https://fallnetz.local/gateway";
    /** Long enough for one call with its retries, short enough that a leaked token is soon worthless. */
    static final Duration LIFETIME = Duration.ofSeconds(60);
    /** A reused token still outlives a call with its retries (10 s timeout, two retries). */
    static final Duration MIN_REMAINING = Duration.ofSeconds(20);
    static final int MAX_CACHED = 4096;

    private record Signed(String token, Instant expiresAt) {
    }

    private final InstantSource clock;
    private final Function<JwtClaimsBuilder, String> signer;
    private final Map<Caller, Signed> signed = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Caller, Signed> eldest) {
            return size() > MAX_CACHED;
        }
    };

    public InternalTokens() {
        this(InstantSource.system(), claims -> claims.jws().sign());
    }

    InternalTokens(InstantSource clock, Function<JwtClaimsBuilder, String> signer) {
        this.clock = clock;
        this.signer = signer;
    }

    public String sign(Caller caller) {
        Optional<String> reusable = reusable(caller);
        if (reusable.isPresent()) {
            return reusable.get();
        }
        Instant now = clock.instant();
        Instant expiresAt = now.plus(LIFETIME);
        if (caller.signedInUntil() != null && caller.signedInUntil().isBefore(expiresAt)) {
            expiresAt = caller.signedInUntil();
        }
        Signed fresh = new Signed(signer.apply(claims(caller, now, expiresAt)), expiresAt);
        synchronized (signed) {
            signed.put(caller, fresh);
        }
        return fresh.token();
    }

    /**
     * The caller's token if one is remembered that may still be used, without signing: a caller on the event loop
     * signs elsewhere when there is none.
     */
    public Optional<String> reusable(Caller caller) {
        Signed known;
        synchronized (signed) {
            known = signed.get(caller);
        }
        return known != null && known.expiresAt().minus(MIN_REMAINING).isAfter(clock.instant())
                ? Optional.of(known.token())
                : Optional.empty();
    }

    private static JwtClaimsBuilder claims(Caller caller, Instant now, Instant expiresAt) {
        JwtClaimsBuilder claims = Jwt.issuer(ISSUER).subject(caller.subject()).upn(caller.username())
                .groups(caller.roles()).issuedAt(now).expiresAt(expiresAt)
                .claim("preferred_username", caller.username());
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
        return claims;
    }
}

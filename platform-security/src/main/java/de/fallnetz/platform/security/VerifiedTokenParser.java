package de.fallnetz.platform.security;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import javax.crypto.SecretKey;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Verifies the gateway's internal token (ADR 0006) once and remembers the result for that exact token until it
 * expires. The gateway reuses one signed token per caller for up to 40 s, so a service sees the same token many
 * times; verifying its RS256 signature again each time was a fifth of case-service's CPU under the walking-skeleton
 * load (bench/README.md).
 * <p>
 * A token is served from here only if the very same string passed the full verification before, and only before its
 * {@code exp} (and before {@code iat} plus {@code mp.jwt.verify.token.age} where that is set, the one check that
 * depends on the time of use besides {@code exp}): a remembered token is never accepted later than the verifier would
 * accept it. A token that fails is never remembered. Replaces
 * smallrye-jwt's parser for the bean type {@link JWTParser}, which Quarkus' bearer-token validator uses.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokenParser implements JWTParser {

    /** A few MiB of heap at most (a token and its claims are a few KiB); beyond that, tokens are verified anew. */
    static final int MAX_TOKENS = 2_048;
    /** Longer than an internal token lives (60 s). */
    static final Duration MEMORY = Duration.ofMinutes(2);

    private record Verified(JsonWebToken token, Instant validUntil) {
    }

    private final JWTParser verifier;
    private final Long tokenAgeSecs;
    private final InstantSource clock;
    private final Cache<String, Verified> verified;

    @Inject
    public VerifiedTokenParser(DefaultJWTParser verifier, JWTAuthContextInfo context, MeterRegistry registry) {
        this(verifier, context.getTokenAge(), InstantSource.system(), registry);
    }

    /**
     * @param tokenAgeSecs {@code mp.jwt.verify.token.age}, or null: how long after {@code iat} the verifier accepts a
     *        token. ({@code smallrye.jwt.time-to-live} compares {@code exp} with {@code iat}, which a token passes
     *        once and for all.)
     */
    VerifiedTokenParser(JWTParser verifier, Long tokenAgeSecs, InstantSource clock, MeterRegistry registry) {
        this.verifier = verifier;
        this.tokenAgeSecs = tokenAgeSecs;
        this.clock = clock;
        // Removal after MEMORY only frees the heap; whether a token may still be used is decided by validUntil.
        this.verified = Caffeine.newBuilder().maximumSize(MAX_TOKENS).expireAfterWrite(MEMORY).recordStats().build();
        // cache_gets_total{cache="verified-internal-tokens",result="hit"|"miss"}: a miss is a full verification.
        CaffeineCacheMetrics.monitor(registry, verified, "verified-internal-tokens");
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        Verified known = verified.getIfPresent(token);
        Instant now = clock.instant();
        if (known != null && now.isBefore(known.validUntil())) {
            return known.token();
        }
        JsonWebToken fresh = verifier.parse(token);
        Instant validUntil = validUntil(fresh);
        if (validUntil != null && now.isBefore(validUntil)) {
            verified.put(token, new Verified(fresh, validUntil));
        }
        return fresh;
    }

    /** Number of tokens remembered, for tests. */
    long remembered() {
        verified.cleanUp();
        return verified.estimatedSize();
    }

    private Instant validUntil(JsonWebToken token) {
        if (token.getExpirationTime() <= 0) {
            return null;
        }
        Instant until = Instant.ofEpochSecond(token.getExpirationTime());
        if (tokenAgeSecs != null) {
            if (token.getIssuedAtTime() <= 0) {
                return null;
            }
            Instant tooOld = Instant.ofEpochSecond(token.getIssuedAtTime()).plusSeconds(tokenAgeSecs);
            until = tooOld.isBefore(until) ? tooOld : until;
        }
        return until;
    }

    // Everything else is passed on as it is: these carry their own key or context and are not cached.

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verifier.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier.parseOnly(token);
    }
}

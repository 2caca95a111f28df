package de.fallnetz.gateway.identity;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.runtime.OidcIdentityProvider;
import io.quarkus.oidc.runtime.OidcTenantConfig;
import io.quarkus.oidc.runtime.OidcUtils;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Verifies a partner's or an API client's bearer token with the identity provider's keys once (through Quarkus OIDC)
 * and answers the same token string from memory until it expires. A client sends one access token with many calls;
 * checking its RS256 signature and claims anew was a fifth of the gateway's CPU under the walking-skeleton load
 * (bench/README.md).
 * <p>
 * Only the default tenant's bearer tokens are remembered, and answered from memory only for a request that Quarkus OIDC
 * resolved to the default tenant, whose configuration has no per-request check memory would skip, and that carries
 * no DPoP proof (answerableFromMemory); the clerks' and the portal's sign-in (authorisation code flow, an ID token in
 * the session) always goes to Quarkus OIDC. A token is answered from memory only if the very same string was accepted
 * before, and only before the expiry OIDC set on its identity. A token OIDC refuses is never remembered. The one
 * difference to verifying every time: a signing key the identity provider withdraws still covers the tokens already
 * accepted with it until they expire (minutes, the provider's access-token lifespan).
 */
@ApplicationScoped
public class VerifiedBearerTokens implements IdentityProvider<TokenAuthenticationRequest> {

    /** A few MiB of heap at most (a token and its identity are a few KiB); beyond that, tokens are verified anew. */
    static final int MAX_TOKENS = 2_048;
    /** A token living longer than this (Keycloak's live 5 minutes) is verified again after it. */
    static final Duration MEMORY = Duration.ofMinutes(10);

    private record Accepted(SecurityIdentity identity, Instant validUntil) {
    }

    private final IdentityProvider<TokenAuthenticationRequest> oidc;
    private final InstantSource clock;
    private final Cache<String, Accepted> accepted;

    @Inject
    public VerifiedBearerTokens(OidcIdentityProvider oidc, MeterRegistry registry) {
        this(oidc, InstantSource.system(), registry);
    }

    VerifiedBearerTokens(IdentityProvider<TokenAuthenticationRequest> oidc, InstantSource clock,
            MeterRegistry registry) {
        this.oidc = oidc;
        this.clock = clock;
        // Removal after MEMORY only frees the heap; whether an identity may still be used is decided by validUntil.
        this.accepted = Caffeine.newBuilder().maximumSize(MAX_TOKENS).expireAfterWrite(MEMORY).recordStats().build();
        // cache_gets_total{cache="verified-bearer-tokens",result="hit"|"miss"}: a miss goes to Quarkus OIDC.
        CaffeineCacheMetrics.monitor(registry, accepted, "verified-bearer-tokens");
    }

    /** Before Quarkus OIDC's provider (default priority), which this one calls itself. */
    @Override
    public int priority() {
        return IdentityProvider.super.priority() + 1;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        if (!(request.getToken() instanceof AccessTokenCredential bearer)) {
            return oidc.authenticate(request, context);
        }
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (!answerableFromMemory(routing)) {
            return oidc.authenticate(request, context);
        }
        String token = bearer.getToken();
        Accepted known = accepted.getIfPresent(token);
        if (known != null && clock.instant().isBefore(known.validUntil())) {
            routing.put(AuthenticationRequestContext.class.getName(), context);
            return Uni.createFrom().item(copy(known.identity(), routing, context));
        }
        return oidc.authenticate(request, context).invoke(identity -> remember(token, identity));
    }

    /**
     * Whether memory may answer this request: Quarkus OIDC resolved it to the default tenant (it puts the resolved
     * tenant's configuration on the routing context before asking the identity providers), that tenant checks nothing
     * per request that memory would skip (a certificate-bound or DPoP token, a maximum token age, user info), and the
     * request carries no DPoP proof.
     */
    static boolean answerableFromMemory(RoutingContext routing) {
        if (routing == null || routing.get(OidcUtils.DPOP_PROOF) != null
                || !(routing.get(io.quarkus.oidc.OidcTenantConfig.class.getName()) instanceof OidcTenantConfig tenant)) {
            return false;
        }
        OidcTenantConfig.Token token = tenant.token();
        return OidcUtils.DEFAULT_TENANT_ID.equals(tenant.tenantId().orElse(OidcUtils.DEFAULT_TENANT_ID))
                && "Bearer".equalsIgnoreCase(token.authorizationScheme()) && !token.binding().certificate()
                && token.age().isEmpty() && !token.requireJwtIntrospectionOnly()
                && !tenant.authentication().userInfoRequired().orElse(false);
    }

    private void remember(String token, SecurityIdentity identity) {
        if (identity == null || !OidcUtils.DEFAULT_TENANT_ID.equals(identity.getAttribute(OidcUtils.TENANT_ID_ATTRIBUTE))
                || !(identity.getAttribute(OidcUtils.QUARKUS_IDENTITY_EXPIRE_TIME) instanceof Long expiresAt)) {
            return;
        }
        Instant validUntil = Instant.ofEpochSecond(expiresAt);
        if (clock.instant().isBefore(validUntil)) {
            // Without this request's routing context, which memory would otherwise keep with its buffers.
            accepted.put(token, new Accepted(copy(identity, null, null), validUntil));
        }
    }

    /**
     * The identity with the given request's routing context (none for memory). Built anew rather than with
     * {@code QuarkusSecurityIdentity.builder(identity)}, whose permission check refers to the identity copied, and with
     * it to the request it was built for. Quarkus OIDC gives a bearer identity permissions (its scopes), no checkers.
     */
    private static SecurityIdentity copy(SecurityIdentity identity, RoutingContext routing,
            AuthenticationRequestContext context) {
        QuarkusSecurityIdentity.Builder copy = QuarkusSecurityIdentity.builder().setPrincipal(identity.getPrincipal())
                .setAnonymous(identity.isAnonymous()).addRoles(identity.getRoles())
                .addCredentials(identity.getCredentials()).addPermissions(identity.getPermissions());
        identity.getAttributes().forEach((name, value) -> {
            if (!RoutingContext.class.getName().equals(name)
                    && !AuthenticationRequestContext.class.getName().equals(name)) {
                copy.addAttribute(name, value);
            }
        });
        if (routing != null) {
            copy.addAttribute(RoutingContext.class.getName(), routing)
                    .addAttribute(AuthenticationRequestContext.class.getName(), context);
        }
        return copy.build();
    }

    /** Whether this token's identity is remembered, for tests. */
    boolean remembers(String token) {
        return accepted.asMap().containsKey(token); // not getIfPresent(), which would count as a hit or miss
    }

    /** Number of tokens remembered, for tests. */
    long remembered() {
        accepted.cleanUp();
        return accepted.estimatedSize();
    }
}

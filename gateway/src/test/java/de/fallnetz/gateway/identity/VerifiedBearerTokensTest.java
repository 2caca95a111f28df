package de.fallnetz.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.lang.ref.WeakReference;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.oidc.runtime.OidcTenantConfig;
import io.quarkus.oidc.runtime.OidcUtils;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.StringPermission;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

class VerifiedBearerTokensTest {

    private static final AuthenticationRequestContext CONTEXT = new AuthenticationRequestContext() {
        @Override
        public Uni<SecurityIdentity> runBlocking(Supplier<SecurityIdentity> function) {
            return Uni.createFrom().item(function);
        }
    };

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
    private final AtomicInteger verifications = new AtomicInteger();
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final Instant expiresAt = now.get().plusSeconds(300);
    private String tenant = OidcUtils.DEFAULT_TENANT_ID;
    private boolean refuse;

    /** Stands in for Quarkus OIDC: accepts every token (or none) with the expiry and tenant set by the test. */
    private final IdentityProvider<TokenAuthenticationRequest> oidc = new IdentityProvider<>() {
        @Override
        public Class<TokenAuthenticationRequest> getRequestType() {
            return TokenAuthenticationRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request,
                AuthenticationRequestContext context) {
            verifications.incrementAndGet();
            if (refuse) {
                return Uni.createFrom().failure(new AuthenticationFailedException("signature"));
            }
            return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal("anna.schmidt")).addRole("clerk")
                    .addCredential(request.getToken()).addPermissionAsString("cases:read")
                    .addAttribute(OidcUtils.TENANT_ID_ATTRIBUTE, tenant)
                    .addAttribute(RoutingContext.class.getName(), HttpSecurityUtils.getRoutingContextAttribute(request))
                    .addAttribute(OidcUtils.QUARKUS_IDENTITY_EXPIRE_TIME, expiresAt.getEpochSecond()).build());
        }
    };

    private final VerifiedBearerTokens tokens = new VerifiedBearerTokens(oidc, now::get, registry);

    @Test
    void aBearerTokenIsVerifiedOnceAndThenAnsweredFromMemory() {
        SecurityIdentity first = bearer("token-1");
        SecurityIdentity again = bearer("token-1");

        assertThat(verifications).hasValue(1);
        assertThat(registry.get("cache.gets").tag("cache", "verified-bearer-tokens").tag("result", "hit")
                .functionCounter().count()).isEqualTo(1.0);
        assertThat(again.getPrincipal().getName()).isEqualTo("anna.schmidt");
        assertThat(again.getRoles()).containsExactly("clerk");
        assertThat(first.getPrincipal().getName()).isEqualTo("anna.schmidt");
    }

    @Test
    void aRememberedIdentityCarriesTheRoutingContextOfTheRequestItAnswers() {
        RoutingContext first = defaultTenantRequest();
        RoutingContext second = defaultTenantRequest();

        SecurityIdentity forFirst = bearer("token-1", first);
        SecurityIdentity forSecond = bearer("token-1", second);

        assertThat(verifications).hasValue(1);
        assertThat((Object) forFirst.getAttribute(RoutingContext.class.getName())).isSameAs(first);
        assertThat((Object) forSecond.getAttribute(RoutingContext.class.getName())).isSameAs(second);
    }

    @Test
    void anotherTokenIsVerifiedOnItsOwn() {
        bearer("token-1");
        bearer("token-2");

        assertThat(verifications).hasValue(2);
    }

    @Test
    void aRememberedTokenIsVerifiedAgainOnceItHasExpired() {
        bearer("token-1");

        now.set(expiresAt.plusSeconds(1));
        bearer("token-1");

        assertThat(verifications).hasValue(2);
    }

    @Test
    void aRefusedTokenIsRefusedEveryTimeAndNeverRemembered() {
        refuse = true;

        assertThatThrownBy(() -> bearer("forged")).isInstanceOf(AuthenticationFailedException.class);
        assertThatThrownBy(() -> bearer("forged")).isInstanceOf(AuthenticationFailedException.class);

        assertThat(verifications).hasValue(2);
        assertThat(tokens.remembered()).isZero();
    }

    @Test
    void anotherTenantsIdentityIsNotRemembered() {
        tenant = "ui";

        bearer("token-1");
        bearer("token-1");

        assertThat(verifications).hasValue(2);
    }

    /** Requests OIDC must see itself: another tenant's, or one whose tenant checks something on each request. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "tenant ui", "DPoP proof", "DPoP scheme", "certificate-bound", "token age", "user info" })
    void aRememberedTokenGoesToOidcForARequestThatMemoryMayNotAnswer(String what) {
        bearer("token-1");

        RoutingContext request = routingContext();
        request.put(io.quarkus.oidc.OidcTenantConfig.class.getName(), switch (what) {
            case "tenant ui" -> tenant("ui", "Bearer", false, null, false);
            case "DPoP scheme" -> tenant(null, "DPoP", false, null, false);
            case "certificate-bound" -> tenant(null, "Bearer", true, null, false);
            case "token age" -> tenant(null, "Bearer", false, Duration.ofMinutes(2), false);
            case "user info" -> tenant(null, "Bearer", false, null, true);
            default -> tenant(null, "Bearer", false, null, false);
        });
        if (what.equals("DPoP proof")) {
            request.put(OidcUtils.DPOP_PROOF, "proof");
        }
        bearer("token-1", request);

        assertThat(verifications).hasValue(2);
    }

    @Test
    void aRequestWhoseTenantOidcHasNotResolvedGoesToOidc() {
        bearer("token-1");

        // The tenant-id attribute alone (set from a session cookie's name) is not the resolved tenant.
        RoutingContext request = routingContext();
        request.put(OidcUtils.TENANT_ID_ATTRIBUTE, OidcUtils.DEFAULT_TENANT_ID);
        bearer("token-1", request);

        assertThat(verifications).hasValue(2);
    }

    @Test
    void aRememberedIdentityKeepsItsRolesAndPermissions() {
        SecurityIdentity first = bearer("token-1");
        SecurityIdentity again = bearer("token-1");

        assertThat(verifications).hasValue(1);
        assertThat(again.getRoles()).containsExactly("clerk");
        assertThat(first.checkPermissionBlocking(new StringPermission("cases", "read"))).isTrue();
        assertThat(again.checkPermissionBlocking(new StringPermission("cases", "read"))).isTrue();
        assertThat(again.checkPermissionBlocking(new StringPermission("cases", "delete"))).isFalse();
        assertThat(again.getCredential(AccessTokenCredential.class).getToken()).isEqualTo("token-1");
    }

    @Test
    void memoryDoesNotKeepTheRoutingContextOfTheRequestThatFirstSentTheToken() {
        WeakReference<RoutingContext> firstRequest = sendOnceAndForget("token-1");

        // System.gc() collects here (Serial GC in tests, explicit GC not disabled); the old copy kept the context.
        // A full collection of the test JVM can take seconds on a loaded CI machine: a generous limit.
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
            System.gc();
            return firstRequest.get() == null;
        });
        assertThat(tokens.remembers("token-1")).isTrue();
    }

    /** Sends the token with a routing context that nothing but the provider's memory could still refer to after. */
    private WeakReference<RoutingContext> sendOnceAndForget(String token) {
        RoutingContext routing = defaultTenantRequest();
        bearer(token, routing);
        return new WeakReference<>(routing);
    }

    @Test
    void aSignInWithAnIdTokenAlwaysGoesToOidc() {
        TokenAuthenticationRequest session = new TokenAuthenticationRequest(new IdTokenCredential("id-token"));

        tokens.authenticate(session, CONTEXT).await().indefinitely();
        tokens.authenticate(session, CONTEXT).await().indefinitely();

        assertThat(verifications).hasValue(2);
        assertThat(tokens.remembered()).isZero();
    }

    /** A request that Quarkus OIDC resolved to the default tenant, as for the partners' and clients' API. */
    private SecurityIdentity bearer(String token) {
        return bearer(token, defaultTenantRequest());
    }

    private SecurityIdentity bearer(String token, RoutingContext routing) {
        TokenAuthenticationRequest request = new TokenAuthenticationRequest(new AccessTokenCredential(token));
        HttpSecurityUtils.setRoutingContextAttribute(request, routing);
        return tokens.authenticate(request, CONTEXT).await().indefinitely();
    }

    private static RoutingContext defaultTenantRequest() {
        RoutingContext routing = routingContext();
        routing.put(io.quarkus.oidc.OidcTenantConfig.class.getName(), tenant(null, "Bearer", false, null, false));
        return routing;
    }

    /** The parts of a resolved tenant's configuration the provider reads; the default tenant has no id set. */
    private static OidcTenantConfig tenant(String id, String scheme, boolean certificateBound, Duration age,
            boolean userInfo) {
        OidcTenantConfig.Binding binding = proxy(OidcTenantConfig.Binding.class,
                Map.of("certificate", certificateBound));
        OidcTenantConfig.Token token = proxy(OidcTenantConfig.Token.class, Map.of("authorizationScheme", scheme,
                "binding", binding, "age", Optional.ofNullable(age), "requireJwtIntrospectionOnly", false));
        OidcTenantConfig.Authentication authentication = proxy(OidcTenantConfig.Authentication.class,
                Map.of("userInfoRequired", Optional.of(userInfo)));
        return proxy(OidcTenantConfig.class, Map.of("tenantId", Optional.ofNullable(id), "token", token,
                "authentication", authentication));
    }

    /** An interface whose methods answer the given values by name (nothing else is called). */
    private static <T> T proxy(Class<T> type, Map<String, Object> answers) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type },
                (proxy, method, args) -> {
                    if (!answers.containsKey(method.getName())) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return answers.get(method.getName());
                }));
    }

    /** A routing context that only keeps what is put into it: all the provider touches. */
    private static RoutingContext routingContext() {
        Map<String, Object> data = new HashMap<>();
        return (RoutingContext) Proxy.newProxyInstance(RoutingContext.class.getClassLoader(),
                new Class<?>[] { RoutingContext.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "put" -> {
                        data.put((String) args[0], args[1]);
                        yield proxy;
                    }
                    case "get" -> data.get(args[0]);
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }
}

package de.fallnetz.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;

class VerifiedTokenParserTest {

    private static final String ISSUER = "https://fallnetz.local/gateway";
    private static final KeyPair GATEWAY_KEY = rsaKeyPair();
    private static final KeyPair OTHER_KEY = rsaKeyPair();

    private final MovableClock clock = new MovableClock();
    private final AtomicInteger verifications = new AtomicInteger();
    private final MeterRegistry registry = new SimpleMeterRegistry();

    private VerifiedTokenParser parser(Long maxTimeToLiveSecs) {
        DefaultJWTParser real = new DefaultJWTParser(new JWTAuthContextInfo(GATEWAY_KEY.getPublic(), ISSUER));
        return new VerifiedTokenParser(new DefaultJWTParser() {
            @Override
            public JsonWebToken parse(String token) throws ParseException {
                verifications.incrementAndGet();
                return real.parse(token);
            }
        }, maxTimeToLiveSecs, clock, registry);
    }

    @Test
    void theSameTokenIsVerifiedOnceAndThenServedAsVerified() throws Exception {
        VerifiedTokenParser parser = parser(null);
        String token = token(GATEWAY_KEY, Duration.ofSeconds(60));

        JsonWebToken first = parser.parse(token);
        JsonWebToken again = parser.parse(token);

        assertThat(verifications).hasValue(1);
        assertThat(again).isSameAs(first);
        assertThat(registry.get("cache.gets").tag("cache", "verified-internal-tokens").tag("result", "hit")
                .functionCounter().count()).isEqualTo(1.0);
        assertThat(registry.get("cache.gets").tag("cache", "verified-internal-tokens").tag("result", "miss")
                .functionCounter().count()).isEqualTo(1.0);
        assertThat(again.getSubject()).isEqualTo("clerk-1");
        assertThat(again.getGroups()).containsExactly("clerk");
    }

    @Test
    void anotherTokenOfTheSameCallerIsVerifiedOnItsOwn() throws Exception {
        VerifiedTokenParser parser = parser(null);

        parser.parse(token(GATEWAY_KEY, Duration.ofSeconds(60)));
        parser.parse(token(GATEWAY_KEY, Duration.ofSeconds(61)));

        assertThat(verifications).hasValue(2);
    }

    @Test
    void aRememberedTokenIsVerifiedAgainOnceItHasExpired() throws Exception {
        VerifiedTokenParser parser = parser(null);
        String token = token(GATEWAY_KEY, Duration.ofSeconds(60));
        parser.parse(token);

        clock.advance(Duration.ofSeconds(61));
        parser.parse(token);

        assertThat(verifications).hasValue(2);
    }

    @Test
    void aRememberedTokenIsVerifiedAgainOnceOlderThanTheMaximumTimeToLive() throws Exception {
        VerifiedTokenParser parser = parser(10L);
        String token = token(GATEWAY_KEY, Duration.ofSeconds(60));
        parser.parse(token);

        clock.advance(Duration.ofSeconds(5));
        parser.parse(token);
        assertThat(verifications).hasValue(1);

        clock.advance(Duration.ofSeconds(6));
        parser.parse(token);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRejectedEveryTimeAndNeverRemembered() {
        VerifiedTokenParser parser = parser(null);
        String forged = token(OTHER_KEY, Duration.ofSeconds(60));

        assertThatThrownBy(() -> parser.parse(forged)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> parser.parse(forged)).isInstanceOf(ParseException.class);

        assertThat(verifications).hasValue(2);
        assertThat(parser.remembered()).isZero();
    }

    @Test
    void aTokenWithAnAlteredPayloadIsRejectedAfterTheGenuineOneWasRemembered() throws Exception {
        VerifiedTokenParser parser = parser(null);
        String genuine = token(GATEWAY_KEY, Duration.ofSeconds(60));
        parser.parse(genuine);
        String[] parts = genuine.split("\\.");
        String altered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];

        assertThatThrownBy(() -> parser.parse(altered)).isInstanceOf(ParseException.class);
    }

    @Test
    void anExpiredTokenIsRejectedAndNotRemembered() {
        VerifiedTokenParser parser = parser(null);
        String expired = token(GATEWAY_KEY, Duration.ofMinutes(-10));

        assertThatThrownBy(() -> parser.parse(expired)).isInstanceOf(ParseException.class);
        assertThat(parser.remembered()).isZero();
    }

    private String token(KeyPair key, Duration lifetime) {
        Instant now = Instant.now();
        return Jwt.issuer(ISSUER).subject("clerk-1").groups(Set.of("clerk")).issuedAt(now.minusSeconds(1))
                .expiresAt(now.plus(lifetime)).claim("office_id", "abh-berlin").jws().sign(key.getPrivate());
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The parser's clock, starting at the real time and moved forward by the tests. */
    private static final class MovableClock implements InstantSource {
        private Duration offset = Duration.ZERO;

        void advance(Duration by) {
            offset = offset.plus(by);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }
}

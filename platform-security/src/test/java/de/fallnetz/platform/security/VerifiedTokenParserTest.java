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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    private VerifiedTokenParser parser(Long tokenAgeSecs) {
        JWTAuthContextInfo context = new JWTAuthContextInfo(GATEWAY_KEY.getPublic(), ISSUER);
        context.setTokenAge(tokenAgeSecs);
        DefaultJWTParser real = new DefaultJWTParser(context);
        return new VerifiedTokenParser(new DefaultJWTParser() {
            @Override
            public JsonWebToken parse(String token) throws ParseException {
                verifications.incrementAndGet();
                return real.parse(token);
            }
        }, tokenAgeSecs, clock, registry);
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
    void aRememberedTokenIsVerifiedAgainOnceOlderThanTheAcceptedTokenAge() throws Exception {
        // Issued a second ago (token()), accepted for 10 s after that by mp.jwt.verify.token.age, although exp is later.
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
    void theVerifierRefusesATokenOlderThanTheAcceptedTokenAgeSoMemoryMustNotOutliveIt() throws Exception {
        // What the test above relies on: the verifier itself refuses a token issued longer ago than the token age.
        VerifiedTokenParser parser = parser(10L);
        String old = Jwt.issuer(ISSUER).subject("clerk-1").issuedAt(Instant.now().minusSeconds(30))
                .expiresAt(Instant.now().plusSeconds(60)).jws().sign(GATEWAY_KEY.getPrivate());

        assertThatThrownBy(() -> parser.parse(old)).isInstanceOf(ParseException.class);
        assertThat(parser.remembered()).isZero();
        // The same but issued now passes: it was the age that was refused.
        assertThat(parser.parse(token(GATEWAY_KEY, Duration.ofSeconds(60))).getSubject()).isEqualTo("clerk-1");
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

    @ParameterizedTest(name = "part {0} of the token changed")
    @ValueSource(ints = { 1, 2 })
    void aTokenWithItsPayloadOrSignatureAlteredIsRejectedAfterTheGenuineOneWasRemembered(int part) throws Exception {
        VerifiedTokenParser parser = parser(null);
        String genuine = token(GATEWAY_KEY, Duration.ofSeconds(60));
        parser.parse(genuine);
        String[] parts = genuine.split("\\.");
        parts[part] = changeOneCharacter(parts[part]);
        String altered = String.join(".", parts);

        assertThatThrownBy(() -> parser.parse(altered)).isInstanceOf(ParseException.class);
        assertThat(verifications).hasValue(2);
    }

    /** The same text with its middle character changed (so never the unchanged text). */
    private static String changeOneCharacter(String base64url) {
        int middle = base64url.length() / 2;
        char replacement = base64url.charAt(middle) == 'A' ? 'B' : 'A';
        return base64url.substring(0, middle) + replacement + base64url.substring(middle + 1);
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

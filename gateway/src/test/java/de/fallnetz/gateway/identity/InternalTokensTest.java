package de.fallnetz.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class InternalTokensTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant START = Instant.parse("2026-11-27T09:00:00Z");
    private static KeyPair key;

    private final AtomicReference<Instant> now = new AtomicReference<>(START);
    private final AtomicInteger signatures = new AtomicInteger();
    private final InternalTokens tokens = new InternalTokens(now::get, claims -> {
        signatures.incrementAndGet();
        return claims.jws().sign(key.getPrivate());
    });

    @BeforeAll
    static void generateKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        key = generator.generateKeyPair();
    }

    @Test
    void shouldReuseATokenForTheSameCallerWhileMoreThanTwentySecondsOfItAreLeft() {
        Caller clerk = clerk("anna", "abh-berlin", START.plusSeconds(300));
        String first = tokens.sign(clerk);

        now.set(START.plusSeconds(39));
        assertThat(tokens.sign(clerk("anna", "abh-berlin", START.plusSeconds(300)))).isEqualTo(first);
        assertThat(signatures).hasValue(1);

        now.set(START.plusSeconds(40));
        String second = tokens.sign(clerk);
        assertThat(second).isNotEqualTo(first);
        assertThat(claims(second).get("iat").asLong()).isEqualTo(START.plusSeconds(40).getEpochSecond());
        assertThat(claims(second).get("exp").asLong()).isEqualTo(START.plusSeconds(100).getEpochSecond());
    }

    @Test
    void shouldTellWithoutSigningWhetherACallersTokenMayBeReused() {
        Caller clerk = clerk("anna", "abh-berlin", START.plusSeconds(300));
        assertThat(tokens.reusable(clerk)).isEmpty();

        String signed = tokens.sign(clerk);
        now.set(START.plusSeconds(39));
        assertThat(tokens.reusable(clerk)).contains(signed);
        assertThat(tokens.reusable(clerk("ben", "abh-berlin", START.plusSeconds(300)))).isEmpty();

        now.set(START.plusSeconds(40));
        assertThat(tokens.reusable(clerk)).isEmpty();
        assertThat(signatures).hasValue(1);
    }

    @Test
    void shouldSignAFreshTokenLivingSixtySecondsWithTheCallersClaims() {
        JsonNode claims = claims(tokens.sign(clerk("anna", "abh-berlin", START.plusSeconds(300))));

        assertThat(claims.get("iss").asText()).isEqualTo(InternalTokens.ISSUER);
        assertThat(claims.get("sub").asText()).isEqualTo("sub-anna");
        assertThat(claims.get("office_id").asText()).isEqualTo("abh-berlin");
        assertThat(claims.get("groups").toString()).contains("clerk");
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(60);
    }

    @Test
    void shouldNeverGiveOneCallersTokenToAnother() {
        Instant until = START.plusSeconds(300);
        List<Caller> callers = List.of(clerk("anna", "abh-berlin", until), clerk("anna", "abh-hamburg", until),
                clerk("ben", "abh-berlin", until),
                new Caller("sub-anna", "anna", "Anna", Set.of("clerk", "team-lead"), "abh-berlin", null, null, until),
                new Caller("sub-anna", "anna", "Anna", Set.of("clerk"), "abh-berlin", null, "cases:read", until),
                new Caller("sub-p", "p", null, Set.of("partner"), null, "ba-zav", null, until),
                new Caller("sub-p", "p", null, Set.of("partner"), null, "bamf", null, until));
        Set<String> issued = new HashSet<>();
        for (Caller caller : callers) {
            String token = tokens.sign(caller);
            issued.add(token);
            assertThat(claims(token).get("sub").asText()).isEqualTo(caller.subject());
        }
        // Each again: each gets its own back.
        List<String> again = new ArrayList<>();
        for (Caller caller : callers) {
            again.add(tokens.sign(caller));
        }

        assertThat(issued).hasSize(callers.size());
        assertThat(again).containsExactlyInAnyOrderElementsOf(issued);
        for (int i = 0; i < callers.size(); i++) {
            JsonNode claims = claims(again.get(i));
            Caller caller = callers.get(i);
            assertThat(claims.path("office_id").asText(null)).isEqualTo(caller.officeId());
            assertThat(claims.path("partner_org").asText(null)).isEqualTo(caller.partnerOrg());
            assertThat(claims.path("scope").asText(null)).isEqualTo(caller.scope());
            assertThat(claims.get("groups")).hasSize(caller.roles().size());
        }
    }

    @Test
    void shouldNotLetATokenOutliveTheCallersOwnToken() {
        Caller endingSoon = clerk("anna", "abh-berlin", START.plusSeconds(30));
        String token = tokens.sign(endingSoon);
        assertThat(claims(token).get("exp").asLong()).isEqualTo(START.plusSeconds(30).getEpochSecond());

        // Less than the margin left: signed anew, ending with the caller's token again.
        now.set(START.plusSeconds(15));
        String next = tokens.sign(endingSoon);
        assertThat(next).isNotEqualTo(token);
        assertThat(claims(next).get("exp").asLong()).isEqualTo(START.plusSeconds(30).getEpochSecond());

        // The caller signed in again: a new token of the caller's, not the one bound to the old token's end.
        String renewed = tokens.sign(clerk("anna", "abh-berlin", START.plusSeconds(315)));
        assertThat(renewed).isNotIn(token, next);
        assertThat(claims(renewed).get("exp").asLong()).isEqualTo(START.plusSeconds(75).getEpochSecond());
    }

    @Test
    void shouldLiveSixtySecondsWhereTheCallersIdentityNamesNoEnd() {
        String token = tokens.sign(clerk("anna", "abh-berlin", null));

        assertThat(claims(token).get("exp").asLong()).isEqualTo(START.plusSeconds(60).getEpochSecond());
    }

    @Test
    void shouldForgetTheLeastRecentlyServedCallersBeyondItsLimit() {
        InternalTokens counting = new InternalTokens(now::get, claims -> "token-" + signatures.incrementAndGet());
        Instant until = START.plus(Duration.ofMinutes(5));
        Caller first = clerk("first", "abh-berlin", until);
        counting.sign(first);
        for (int i = 0; i < InternalTokens.MAX_CACHED; i++) {
            counting.sign(clerk("clerk-" + i, "abh-berlin", until));
        }
        assertThat(signatures).hasValue(InternalTokens.MAX_CACHED + 1);

        counting.sign(clerk("clerk-" + (InternalTokens.MAX_CACHED - 1), "abh-berlin", until));
        assertThat(signatures).as("the most recent caller is still remembered").hasValue(InternalTokens.MAX_CACHED + 1);
        counting.sign(first);
        assertThat(signatures).as("the first caller was forgotten").hasValue(InternalTokens.MAX_CACHED + 2);
    }

    private static Caller clerk(String user, String officeId, Instant signedInUntil) {
        return new Caller("sub-" + user, user, user.toUpperCase(), Set.of("clerk"), officeId, null, null,
                signedInUntil);
    }

    private static JsonNode claims(String token) {
        try {
            return MAPPER.readTree(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                    StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

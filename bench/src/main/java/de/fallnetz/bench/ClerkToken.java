package de.fallnetz.bench;

import java.time.Duration;

import de.fallnetz.devstack.SharedKeycloak;

/** A demo clerk's access token from the run's Keycloak, renewed well within its five minutes. */
final class ClerkToken {

    private static final Duration RENEW_AFTER = Duration.ofMinutes(3);

    private String token;
    private long tokenAt;

    synchronized String get() {
        if (token == null || System.nanoTime() - tokenAt > RENEW_AFTER.toNanos()) {
            token = SharedKeycloak.tokens().user("anna.schmidt");
            tokenAt = System.nanoTime();
        }
        return token;
    }

    /** After a 401: the next call fetches a new one. */
    synchronized void invalidate() {
        token = null;
    }
}

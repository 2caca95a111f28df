package de.fallnetz.devstack;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One Keycloak per JVM for the tests that need real sign-in, started lazily on a free port by whoever asks first (it
 * takes about 14 s, so tests without sign-in never pay for it), stopped when the JVM exits. Like {@link SharedStack},
 * its address lives in a system property so that every class loader finds the one instance.
 */
public final class SharedKeycloak {

    private static final String PROPERTY = "fallnetz.devstack.keycloak";

    private SharedKeycloak() {
    }

    /** The realm's issuer URL, e.g. {@code http://127.0.0.1:40123/realms/fallnetz}. */
    public static synchronized String issuer() {
        String published = System.getProperty(PROPERTY);
        if (published != null) {
            return published;
        }
        try {
            Path dir = Files.createTempDirectory("fallnetz-keycloak-");
            KeycloakServer server = KeycloakServer.start(dir, "127.0.0.1", 0, dir.resolve("keycloak.log"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                KeycloakServer.deleteQuietly(dir);
            }, "fallnetz-keycloak-shutdown"));
            System.setProperty(PROPERTY, server.issuer());
            return server.issuer();
        } catch (Exception e) {
            throw new IllegalStateException("Could not start Keycloak", e);
        }
    }

    /** Tokens of the shared instance's demo users and partner clients. */
    public static KeycloakTokens tokens() {
        return new KeycloakTokens(issuer());
    }
}

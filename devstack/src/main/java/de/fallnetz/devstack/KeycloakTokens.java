package de.fallnetz.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Access tokens from the realm's token endpoint, the way real callers get them: the password grant for the demo users
 * (through the gateway's client, which allows it in the development realm only) and client credentials for the
 * partner organisations. The secrets are the development realm's ({@code keycloak/fallnetz-realm.json}).
 */
public final class KeycloakTokens {

    /** Every demo user's password (development realm only). */
    public static final String DEMO_PASSWORD = "demo";
    public static final String GATEWAY_CLIENT = "fallnetz-gateway";
    public static final String GATEWAY_SECRET = "fallnetz-gateway-dev-secret";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String issuer;

    public KeycloakTokens(String issuer) {
        this.issuer = issuer;
    }

    /** The client secret of a partner organisation in the development realm. */
    public static String partnerSecret(String organisation) {
        return organisation + "-dev-secret";
    }

    /** A demo user's access token, e.g. {@code anna.schmidt} (clerk, abh-berlin). */
    public String user(String username) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", GATEWAY_CLIENT);
        form.put("client_secret", GATEWAY_SECRET);
        form.put("username", username);
        form.put("password", DEMO_PASSWORD);
        form.put("scope", "openid");
        return token(form);
    }

    /** A partner organisation's access token by client credentials, e.g. {@code ba-zav}. */
    public String partner(String organisation) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", organisation);
        form.put("client_secret", partnerSecret(organisation));
        return token(form);
    }

    private String token(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(30)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = MAPPER.readTree(response.body());
            if (response.statusCode() != 200 || !json.hasNonNull("access_token")) {
                throw new IllegalStateException("No token from Keycloak: " + response.statusCode() + " "
                        + response.body());
            }
            return json.get("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

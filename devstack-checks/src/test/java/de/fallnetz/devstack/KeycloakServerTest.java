package de.fallnetz.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class KeycloakServerTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void shouldIssueAClerkTokenWithOfficeRolesAndTheGatewayAudience() throws Exception {
        JsonNode claims = claims(SharedKeycloak.tokens().user("anna.schmidt"));

        assertThat(claims.get("iss").asText()).isEqualTo(SharedKeycloak.issuer());
        assertThat(claims.get("office_id").asText()).isEqualTo("abh-berlin");
        assertThat(claims.get("preferred_username").asText()).isEqualTo("anna.schmidt");
        assertThat(claims.get("name").asText()).isEqualTo("Anna Schmidt");
        assertThat(claims.get("groups").toString()).contains("\"clerk\"");
        assertThat(claims.get("aud").toString()).contains("fallnetz-gateway");
        assertThat(claims.hasNonNull("sub")).isTrue();
    }

    @Test
    void shouldIssueAPartnerTokenByClientCredentialsWithOrganisationRoleAndScopes() throws Exception {
        JsonNode claims = claims(SharedKeycloak.tokens().partner("ba-zav"));

        assertThat(claims.get("partner_org").asText()).isEqualTo("ba-zav");
        assertThat(claims.get("groups").toString()).contains("\"partner\"");
        assertThat(claims.get("scope").asText()).contains("requests:read").contains("requests:write");
        assertThat(claims.has("office_id")).isFalse();
    }

    @Test
    void shouldRefuseAClientItDoesNotKnow() {
        assertThatThrownBy(() -> SharedKeycloak.tokens().partner("no-such-organisation")).hasMessageContaining("401");
    }

    private static JsonNode claims(String jwt) throws Exception {
        return MAPPER.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }
}

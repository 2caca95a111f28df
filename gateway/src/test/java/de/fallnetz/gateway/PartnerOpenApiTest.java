package de.fallnetz.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import de.fallnetz.devstack.FallnetzStackResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The partner API's OpenAPI document is complete enough for partners to generate clients from it. */
@QuarkusTest
@WithTestResource(value = FallnetzStackResource.class, initArgs = @ResourceArg(name = "service", value = "gateway"))
class PartnerOpenApiTest {

    private static JsonNode document() throws Exception {
        String yaml = given().when().get("/partner/openapi.yaml").then().statusCode(200).extract().asString();
        return new YAMLMapper().readTree(yaml);
    }

    @Test
    void shouldNameServersLicenceAndTheOAuth2SchemeWithItsScopes() throws Exception {
        JsonNode doc = document();
        assertThat(doc.path("servers").size()).isPositive();
        assertThat(doc.at("/info/license/name").asText()).isNotBlank();
        JsonNode flow = doc.at("/components/securitySchemes/partnerClientCredentials/flows/clientCredentials");
        assertThat(flow.path("tokenUrl").asText()).startsWith("http");
        assertThat(flow.path("scopes").has("requests:read")).isTrue();
        assertThat(flow.path("scopes").has("requests:write")).isTrue();
    }

    @Test
    void shouldGiveEveryOperationAnIdAScopeAndAProblemSchemaForEveryError() throws Exception {
        JsonNode doc = document();
        List<String> ids = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields();
        assertThat(paths.hasNext()).isTrue();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields();
            while (operations.hasNext()) {
                Map.Entry<String, JsonNode> operation = operations.next();
                String where = operation.getKey() + " " + path.getKey();
                JsonNode op = operation.getValue();
                assertThat(op.path("operationId").asText()).as("operationId of " + where).isNotBlank();
                ids.add(op.path("operationId").asText());
                assertThat(op.at("/security/0/partnerClientCredentials").size()).as("scope of " + where)
                        .isEqualTo(1);
                JsonNode responses = op.path("responses");
                for (String status : List.of("401", "403", "404", "429", "500", "503")) {
                    assertThat(responses.has(status)).as(status + " of " + where).isTrue();
                }
                Iterator<String> codes = responses.fieldNames();
                while (codes.hasNext()) {
                    String code = codes.next();
                    if (code.startsWith("4") || code.startsWith("5")) {
                        JsonNode response = resolve(doc, responses.path(code));
                        assertThat(response.at("/content/application~1problem+json/schema/$ref").asText())
                                .as(code + " of " + where).isEqualTo("#/components/schemas/Problem");
                    }
                }
            }
        }
        assertThat(ids).doesNotHaveDuplicates();
    }

    private static JsonNode resolve(JsonNode doc, JsonNode node) {
        String ref = node.path("$ref").asText();
        return ref.isEmpty() ? node : doc.at(ref.substring(1));
    }
}

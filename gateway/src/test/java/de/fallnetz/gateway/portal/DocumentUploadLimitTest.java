package de.fallnetz.gateway.portal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import de.fallnetz.devstack.FallnetzStackResource;
import de.fallnetz.devstack.SharedKeycloak;
import de.fallnetz.gateway.CsrfForms;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;

/**
 * Documents of real size (a scanned certificate is 1-10 MB) go through the gateway's two upload routes, the portal's
 * form and the partner front door, to the interaction service unchanged; above 10 MiB they are refused with a 413
 * problem, and every other route keeps its 64 KiB limit.
 */
@QuarkusTest
@TestProfile(InMemoryInteractionServices.class)
@WithTestResource(value = FallnetzStackResource.class, initArgs = @ResourceArg(name = "service", value = "gateway"))
class DocumentUploadLimitTest {

    private static final String AGENCY = "relocation-muster";
    private static final int MIB = 1024 * 1024;

    @TestHTTPResource("/")
    URL base;

    @Test
    @TestSecurity(user = "rosa.keller", roles = "partner", attributes = @SecurityAttribute(key = "partner_org",
            value = AGENCY))
    void shouldPassAFiveMebibyteDocumentFromThePortalIntactAndRefuseElevenWithAProblem() throws Exception {
        var r = InMemoryInteractionServices.deliver("relocation-handoff", "RELOCATION_HANDOFF", AGENCY, 5);
        byte[] pdf = pdf(5 * MIB);
        portalUpload(r.id, pdf).then().statusCode(303);
        assertThat(r.documents).hasSize(1);
        assertThat(r.documents.get(0).get("sizeBytes")).isEqualTo((long) pdf.length);
        assertThat(r.documents.get(0).get("sha256")).isEqualTo(sha256(pdf));

        // A browser sends a form with its Content-Length: refused before it is read, with a problem.
        HttpResponse<String> large = portalUploadWithLength(r.id, pdf(11 * MIB));
        assertThat(large.statusCode()).isEqualTo(413);
        assertThat(large.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(large.body()).contains("urn:fallnetz:problem:body-too-large");
        // Sent in chunks (RestAssured's multipart), it is cut off where the limit is passed.
        portalUpload(r.id, pdf(11 * MIB)).then().statusCode(413);
        assertThat(r.documents).hasSize(1);
    }

    @Test
    void shouldPassAFiveMebibyteDocumentThroughTheFrontDoorIntactAndRefuseElevenWithAProblem() throws Exception {
        var r = InMemoryInteractionServices.deliver("relocation-handoff", "RELOCATION_HANDOFF", AGENCY, 5);
        String token = SharedKeycloak.tokens().partner(AGENCY);
        byte[] pdf = pdf(5 * MIB);
        given().auth().oauth2(token).contentType("application/pdf").header("If-Match", "\"1\"")
                .header("Idempotency-Key", UUID.randomUUID().toString()).queryParam("fileName", "Zeugnis.pdf")
                .body(pdf)
                .when().post("/partner/v1/relocation-handoff/requests/{id}/documents", r.id)
                .then().statusCode(201);
        assertThat(r.documents).hasSize(1);
        assertThat(r.documents.get(0).get("sha256")).isEqualTo(sha256(pdf));

        given().auth().oauth2(token).contentType("application/pdf").header("If-Match", "\"2\"")
                .header("Idempotency-Key", UUID.randomUUID().toString()).body(pdf(11 * MIB))
                .when().post("/partner/v1/relocation-handoff/requests/{id}/documents", r.id)
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("urn:fallnetz:problem:body-too-large"));
        assertThat(r.documents).hasSize(1);
    }

    @Test
    void shouldKeepTheSixtyFourKibibyteLimitOnEveryOtherRoute() throws Exception {
        var r = InMemoryInteractionServices.deliver("relocation-handoff", "RELOCATION_HANDOFF", AGENCY, 5);
        String answer = "{\"outcome\":\"DECLINED\",\"reasons\":\"" + "x".repeat(100 * 1024) + "\"}";
        given().auth().oauth2(SharedKeycloak.tokens().partner(AGENCY)).contentType(ContentType.JSON)
                .header("If-Match", "\"1\"").header("Idempotency-Key", UUID.randomUUID().toString()).body(answer)
                .when().post("/partner/v1/relocation-handoff/requests/{id}/answer", r.id)
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("urn:fallnetz:problem:body-too-large"));
        given().contentType(ContentType.JSON).body(answer).when().post("/api/cases")
                .then().statusCode(413).contentType("application/problem+json");
        assertThat(r.answer).isNull();

        // Without Content-Length (chunked) the body is counted while it is read.
        HttpResponse<String> chunked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(base + "partner/v1/relocation-handoff/requests/" + r.id + "/answer"))
                .header("Authorization", "Bearer " + SharedKeycloak.tokens().partner(AGENCY))
                .header("Content-Type", "application/json").header("If-Match", "\"1\"")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(answer.getBytes(StandardCharsets.UTF_8))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(r.answer).isNull();
    }

    private static io.restassured.response.Response portalUpload(String id, byte[] pdf) {
        String token = CsrfForms.token();
        return given().redirects().follow(false).cookie(CsrfForms.COOKIE, CsrfForms.cookie(token))
                .multiPart("csrf-token", token).multiPart("version", "1")
                .multiPart("formKey", UUID.randomUUID().toString())
                .multiPart("file", "Zeugnis.pdf", pdf, "application/pdf")
                .when().post("/portal/relocation-handoff/requests/{id}/documents", id);
    }

    private HttpResponse<String> portalUploadWithLength(String id, byte[] pdf) throws Exception {
        String token = CsrfForms.token();
        String boundary = "----fallnetz" + UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        for (String[] field : new String[][] { { "csrf-token", token }, { "version", "1" },
                { "formKey", UUID.randomUUID().toString() } }) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field[0] + "\"\r\n\r\n"
                    + field[1] + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"Zeugnis.pdf\""
                + "\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(pdf);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(base + "portal/relocation-handoff/requests/" + id + "/documents"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Cookie", CsrfForms.COOKIE + "=" + CsrfForms.cookie(token))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A PDF-looking document of the size, its bytes random so that a changed or lost byte shows in the checksum. */
    private static byte[] pdf(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        byte[] head = "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, bytes, 0, head.length);
        return bytes;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}

package de.fallnetz.notifications;

import static io.restassured.RestAssured.given;
import static jakarta.ws.rs.core.Response.Status.NOT_FOUND;
import static jakarta.ws.rs.core.Response.Status.OK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import de.fallnetz.contracts.events.EventType;
import de.fallnetz.contracts.events.Topics;
import de.fallnetz.devstack.EventSamples;
import de.fallnetz.devstack.FallnetzStackResource;
import de.fallnetz.devstack.KafkaTestClient;
import de.fallnetz.devstack.PartnerTokens;
import de.fallnetz.devstack.ServiceMetrics;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** Mails to applicants through the real SMTP server, read back over IMAP. */
@QuarkusTest
@WithTestResource(value = FallnetzStackResource.class,
        initArgs = @ResourceArg(name = "service", value = "notification-service"))
class ApplicantMailTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern STATUS_LINK = Pattern.compile("/status/([A-Za-z0-9_\\-]+\\.[0-9]+\\.[A-Za-z0-9_\\-]+)");

    private static final String CASES = "notification-service.cases";

    private static KafkaTestClient kafka;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.onSharedStack();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void shouldMailTheReceiptInVietnameseWithTheBindingGermanTextAndAStatusLink() {
        String caseId = UUID.randomUUID().toString();
        String address = "lan-" + caseId + "@example.org";
        sendCaseOpened(UUID.randomUUID().toString(), caseId, "vi", address);

        Mailbox.Mail mail = awaitMails(address, 1).get(0);
        assertThat(mail.subject()).isEqualTo("Chúng tôi đã nhận được đơn của bạn / Ihr Antrag ist eingegangen");
        assertThat(mail.contentType()).startsWith("multipart/alternative");
        assertThat(mail.html()).contains("lang=\"vi\" dir=\"ltr\"")
                .contains("Đơn của bạn (BLUE_CARD) đã đến Sở Ngoại kiều abh-berlin")
                .contains("Chỉ văn bản tiếng Đức dưới đây có giá trị pháp lý.")
                .contains("Ihr Antrag (BLUE_CARD) ist am 2. November 2026 bei der Ausländerbehörde abh-berlin");
        assertThat(mail.text()).contains(caseId).contains("Ihr Antrag ist eingegangen");
        assertThat(mail.messageId()).endsWith("@notifications.fallnetz>");

        given().when().get("/api/status/" + statusToken(mail.text()))
                .then().statusCode(OK.getStatusCode())
                .body("caseId", equalTo(caseId))
                .body("stage", equalTo("Đã nhận"))
                .body("language", equalTo("vi"));
    }

    @Test
    void shouldLayOutArabicAndPersianRightToLeft() {
        for (String language : List.of("ar", "fa")) {
            String caseId = UUID.randomUUID().toString();
            String address = language + "-" + caseId + "@example.org";
            sendCaseOpened(UUID.randomUUID().toString(), caseId, language, address);

            Mailbox.Mail mail = awaitMails(address, 1).get(0);
            assertThat(mail.html()).contains("<html lang=\"" + language + "\" dir=\"rtl\">")
                    .contains("<section lang=\"de\" dir=\"ltr\">")
                    .contains("Ihr Antrag ist eingegangen");
        }
    }

    @Test
    void shouldFallBackVisiblyToGermanForALanguageWithoutTexts() {
        String caseId = UUID.randomUUID().toString();
        String address = "pt-" + caseId + "@example.org";
        sendCaseOpened(UUID.randomUUID().toString(), caseId, "pt-BR", address);

        Mailbox.Mail mail = awaitMails(address, 1).get(0);
        assertThat(mail.subject()).isEqualTo("Ihr Antrag ist eingegangen");
        assertThat(mail.text()).startsWith("This message is not yet available in your language (pt-BR)")
                .contains("Ihr Antrag (BLUE_CARD) ist am");
        assertThat(mail.html()).contains("<html lang=\"de\" dir=\"ltr\">");
    }

    @Test
    void shouldListTheMissingDocumentsWithThePluralOfTheLanguage() throws Exception {
        String caseId = UUID.randomUUID().toString();
        String address = "olena-" + caseId + "@example.org";
        sendCaseOpened(UUID.randomUUID().toString(), caseId, "uk", address);
        ObjectNode requested = (ObjectNode) MAPPER.readTree(
                EventSamples.json(EventType.CASE_DOCUMENTS_REQUESTED, caseId));
        ArrayNode items = requested.putArray("items");
        for (String title : List.of("Reisepass", "Arbeitsvertrag", "Nachweis der Krankenversicherung")) {
            items.addObject().put("id", title.toLowerCase()).put("title", title);
        }
        send(EventType.CASE_DOCUMENTS_REQUESTED, caseId, requested.toString());

        Mailbox.Mail mail = awaitMails(address, 2).get(1);
        assertThat(mail.subject()).startsWith("Будь ласка, надайте документи");
        assertThat(mail.text()).contains("Для вашої заяви бракує 3 документів")
                .contains("Für Ihren Antrag fehlen noch 3 Unterlagen")
                .contains("- Nachweis der Krankenversicherung");
        given().when().get("/api/status/" + statusToken(mail.text()))
                .then().statusCode(OK.getStatusCode())
                .body("stage", equalTo("Бракує документів"))
                .body("missingDocuments", contains("Reisepass", "Arbeitsvertrag", "Nachweis der Krankenversicherung"));
    }

    @Test
    void shouldSendNothingAfterAWithdrawalButItsConfirmation() {
        String caseId = UUID.randomUUID().toString();
        String address = "tr-" + caseId + "@example.org";
        sendCaseOpened(UUID.randomUUID().toString(), caseId, "tr", address);
        awaitMails(address, 1);
        double applied = ServiceMetrics.eventsConsumed("http://localhost:" + RestAssured.port, CASES, "applied");
        send(EventType.CASE_STATUS_CHANGED, caseId, EventSamples.json(EventType.CASE_STATUS_CHANGED, caseId,
                Map.of("status", "WITHDRAWN", "previousStatus", "RECEIVED")));
        send(EventType.CASE_DECIDED, caseId, EventSamples.json(EventType.CASE_DECIDED, caseId));

        await().atMost(Duration.ofSeconds(30)).until(() -> ServiceMetrics.eventsConsumed(
                "http://localhost:" + RestAssured.port, CASES, "applied") >= applied + 2);
        given().auth().oauth2(Clerks.ofSampleOffice()).queryParam("caseId", caseId)
                .when().get("/notifications")
                .then().statusCode(OK.getStatusCode())
                .body("template", contains("case-receipt", "withdrawn"));
        assertThat(awaitMails(address, 2)).extracting(Mailbox.Mail::subject).containsExactly(
                "Başvurunuz alındı / Ihr Antrag ist eingegangen",
                "Başvurunuzun geri çekilmesi onaylandı / Rücknahme Ihres Antrags bestätigt");
    }

    @Test
    void shouldMailOnceWhenTheSameEventArrivesTwice() {
        String caseId = UUID.randomUUID().toString();
        String address = "twice-" + caseId + "@example.org";
        String eventId = UUID.randomUUID().toString();
        sendCaseOpened(eventId, caseId, "en", address);
        sendCaseOpened(eventId, caseId, "en", address);
        String marker = UUID.randomUUID().toString();
        String markerAddress = "marker-" + marker + "@example.org";
        sendCaseOpened(UUID.randomUUID().toString(), marker, "en", markerAddress);

        awaitMails(markerAddress, 1);
        assertThat(awaitMails(address, 1)).hasSize(1);
    }

    @Test
    void shouldAnswerTheSame404ForATamperedExpiredOrRevokedLink() {
        String caseId = UUID.randomUUID().toString();
        String address = "ru-" + caseId + "@example.org";
        sendCaseOpened(UUID.randomUUID().toString(), caseId, "ru", address);
        String token = statusToken(awaitMails(address, 1).get(0).text());
        String[] parts = token.split("\\.");

        given().when().get("/api/status/" + token).then().statusCode(OK.getStatusCode())
                .body("stage", equalTo("Получено"));
        for (String bad : List.of(parts[0] + "." + (Long.parseLong(parts[1]) + 1) + "." + parts[2],
                "A" + token.substring(1), "guess", parts[0] + ".1." + parts[2])) {
            given().when().get("/api/status/" + bad).then().statusCode(NOT_FOUND.getStatusCode())
                    .contentType("application/problem+json")
                    .body("detail", equalTo("The status page does not exist"));
        }
        given().when().delete("/status-tokens/" + caseId).then().statusCode(401);
        given().auth().oauth2(Clerks.of("abh-hamburg"))
                .when().delete("/status-tokens/" + caseId).then().statusCode(NOT_FOUND.getStatusCode())
                .contentType("application/problem+json");
        given().when().get("/api/status/" + token).then().statusCode(OK.getStatusCode());
        given().auth().oauth2(PartnerTokens.shared().mintUser("anna", List.of("clerk"), "abh-berlin"))
                .when().delete("/status-tokens/" + caseId).then().statusCode(OK.getStatusCode())
                .body("revoked", equalTo(1));
        given().when().get("/api/status/" + token).then().statusCode(NOT_FOUND.getStatusCode())
                .body("detail", equalTo("The status page does not exist"));
    }

    private static List<Mailbox.Mail> awaitMails(String address, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.of(address).size() >= count);
        return Mailbox.of(address);
    }

    private static String statusToken(String text) {
        Matcher m = STATUS_LINK.matcher(text);
        assertThat(m.find()).as("status link in %s", text).isTrue();
        return m.group(1);
    }

    private static void sendCaseOpened(String eventId, String caseId, String language, String email) {
        kafka.sendCloudEvent(Topics.CASE_EVENTS, eventId, EventType.CASE_OPENED.type(), "/fallnetz/case-service",
                caseId, EventSamples.json(EventType.CASE_OPENED, caseId,
                        Map.of("applicantLanguage", language, "applicantEmail", email)));
    }

    private static void send(EventType type, String caseId, String data) {
        kafka.sendCloudEvent(type.topic(), UUID.randomUUID().toString(), type.type(), "/fallnetz/case-service",
                caseId, data);
    }
}

package de.fallnetz.cases.lifecycle;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import de.fallnetz.cases.domain.CaseMetrics;
import de.fallnetz.contracts.events.InteractionRequested;
import de.fallnetz.devstack.FallnetzStackResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The figures operators' dashboards read: backlog and cases opened in the last day per office and case type,
 * processing time to the decision.
 */
@QuarkusTest
@WithTestResource(value = FallnetzStackResource.class, initArgs = @ResourceArg(name = "service", value = "case-service"))
class CaseMetricsTest {

    private static final CaseApi api = CaseApi.onSharedStack();

    @Inject
    CaseMetrics metrics;

    private static String scrape() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    @Test
    void shouldExportTheBacklogAndTheCasesOpenedPerOfficeAndCaseTypeAndTheTimeToDecision() {
        String caseId = api.open(CaseTypeSamples.of("STUDENT"));
        metrics.refreshBacklog();
        assertThat(scrape()).containsPattern(
                "fallnetz_cases_backlog\\{case_type=\"STUDENT\",office=\"abh-berlin\"\\} [1-9]")
                .containsPattern(
                        "fallnetz_cases_opened_last_day\\{case_type=\"STUDENT\",office=\"abh-berlin\"\\} [1-9]");

        api.tickAll(caseId);
        for (InteractionRequested r : api.awaitRequested(caseId, api.get(caseId).getList("interactions").size())) {
            api.answer(r, "NO_OBJECTION", false, null);
        }
        api.awaitStatus(caseId, "READY_FOR_DECISION");
        api.command(caseId, "decision", Map.of("outcome", "GRANTED", "decidedBy", "clerk-1")).then().statusCode(200);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(scrape()).containsPattern(
                "fallnetz_cases_processing_seconds_count\\{case_type=\"STUDENT\",office=\"abh-berlin\",outcome=\"GRANTED\"\\} [1-9]"));
    }
}

package de.fallnetz.cases.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import de.fallnetz.cases.catalogue.CaseTypeCatalogue;
import de.fallnetz.cases.domain.CaseService;
import de.fallnetz.cases.domain.RetentionService;
import de.fallnetz.devstack.DatabaseTestClient;
import de.fallnetz.devstack.FallnetzService;
import de.fallnetz.devstack.FallnetzStackResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@WithTestResource(value = FallnetzStackResource.class, initArgs = @ResourceArg(name = "service", value = "case-service"))
class RetentionTest {

    private static final CaseApi api = CaseApi.onSharedStack();

    @Inject
    RetentionService retention;

    @Inject
    CaseTypeCatalogue catalogue;

    private final DatabaseTestClient tables = DatabaseTestClient.onSharedStack(FallnetzService.CASE_SERVICE);

    @Test
    void shouldEraseTheApplicantsDataOnlyAfterTheCaseTypesRetentionPeriodAndKeepTheAnonymousRest() {
        String finished = api.open(CaseTypeSamples.of("STUDENT"));
        api.command(finished, "withdrawal", Map.of("reason", "Studienplatz nicht angetreten")).then().statusCode(200);
        String running = api.open(CaseTypeSamples.of("STUDENT"));
        var period = catalogue.version("STUDENT", api.get(finished).getInt("catalogueVersion")).orElseThrow()
                .retention();

        retention.eraseExpired(Instant.now());
        assertThat(api.get(finished).getString("applicant.familyName")).isEqualTo("Testperson");

        Instant later = ZonedDateTime.now(CaseService.OFFICE_ZONE).plus(period).plusDays(1).toInstant();
        retention.eraseExpired(later);

        JsonPath erased = api.get(finished);
        assertThat(erased.getMap("applicant")).isNull();
        assertThat(erased.getMap("application")).isEmpty();
        assertThat(erased.getString("status")).isEqualTo("WITHDRAWN");
        assertThat(erased.getString("caseType")).isEqualTo("STUDENT");
        assertThat(tables.count("fallnetz_case", "id = '" + finished + "' and family_name is null"
                + " and date_of_birth is null and application = '{}'::jsonb")).isEqualTo(1);
        assertThat(api.timelineTypes(finished)).isNotEmpty();
        assertThat(api.get(running).getString("applicant.familyName")).isEqualTo("Testperson");
    }
}

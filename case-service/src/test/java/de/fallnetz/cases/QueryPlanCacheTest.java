package de.fallnetz.cases;

import static io.restassured.RestAssured.given;
import static jakarta.ws.rs.core.Response.Status.CREATED;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;

import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.Test;

import de.fallnetz.devstack.FallnetzStackResource;
import de.fallnetz.devstack.Fixtures;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Reading cases must not grow Hibernate's query plan cache: a query cached anew on every read fills it to its limit
 * under one hash, and from then on every read scans all of it (measured in bench/README.md).
 */
@QuarkusTest
@WithTestResource(value = FallnetzStackResource.class, initArgs = @ResourceArg(name = "service", value = "case-service"))
class QueryPlanCacheTest {

    @Inject
    EntityManagerFactory factory;

    @Test
    void readingACaseAgainAndAgainReusesItsQueryPlans() {
        String caseId = given().contentType(ContentType.JSON).body(Fixtures.openCaseJson())
                .when().post("/cases")
                .then().statusCode(CREATED.getStatusCode()).extract().path("caseId");
        given().when().get("/cases/" + caseId).then().statusCode(200);
        int before = cachedPlans();

        for (int i = 0; i < 25; i++) {
            given().when().get("/cases/" + caseId).then().statusCode(200);
        }

        assertThat(cachedPlans()).isEqualTo(before);
    }

    private int cachedPlans() {
        return factory.unwrap(SessionFactoryImplementor.class).getQueryEngine().getInterpretationCache()
                .getNumberOfCachedQueryPlans();
    }
}

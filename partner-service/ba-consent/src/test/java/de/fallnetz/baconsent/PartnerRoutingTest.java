package de.fallnetz.baconsent;

import static de.fallnetz.baconsent.BaPartner.as;
import static de.fallnetz.contracts.events.EventType.INTERACTION_DELIVERED;
import static jakarta.ws.rs.core.Response.Status.NOT_FOUND;
import static jakarta.ws.rs.core.Response.Status.OK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import de.fallnetz.devstack.FallnetzService;
import de.fallnetz.devstack.FallnetzStackResource;
import de.fallnetz.devstack.InteractionTestEvents;
import de.fallnetz.devstack.InteractionTestEvents.Sent;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Requests go to the BA team responsible for the case's office, and each team sees only its own. */
@QuarkusTest
@WithTestResource(value = FallnetzStackResource.class,
        initArgs = @ResourceArg(name = "service", value = "ba-consent"))
class PartnerRoutingTest {

    private static final InteractionTestEvents requests = InteractionTestEvents.onSharedStack(
            FallnetzService.BA_CONSENT);

    @Test
    void shouldAddressEachRequestToTheBaTeamOfItsOfficesRegionAndShowItOnlyToThatTeam() {
        Sent hamburg = delivered("abh-hamburg", "DE-HH");
        Sent koeln = delivered("abh-koeln", "DE-NW");

        assertThat(addressee(hamburg)).isEqualTo("ba-zav-nord");
        assertThat(addressee(koeln)).isEqualTo("ba-zav-west");
        as("ba-zav-nord").when().get("/partner/v1/requests/{id}", hamburg.interactionId())
                .then().statusCode(OK.getStatusCode()).body("officeId", equalTo("abh-hamburg"));
        as("ba-zav-west").when().get("/partner/v1/requests/{id}", koeln.interactionId())
                .then().statusCode(OK.getStatusCode()).body("officeId", equalTo("abh-koeln"));
        as("ba-zav-nord").when().get("/partner/v1/requests/{id}", koeln.interactionId())
                .then().statusCode(NOT_FOUND.getStatusCode());
        as("ba-zav-west").when().get("/partner/v1/requests/{id}", hamburg.interactionId())
                .then().statusCode(NOT_FOUND.getStatusCode());
        // The nationwide team does not see what a regional team is responsible for.
        as("ba-zav").when().get("/partner/v1/requests/{id}", hamburg.interactionId())
                .then().statusCode(NOT_FOUND.getStatusCode());
        List<String> nord = as("ba-zav-nord").queryParam("limit", 100).when().get("/partner/v1/requests")
                .then().statusCode(OK.getStatusCode()).extract().jsonPath().getList("items.id");
        assertThat(nord).contains(hamburg.interactionId()).doesNotContain(koeln.interactionId());
    }

    @Test
    void shouldAddressOfficesOfTheLaenderWithoutARegionalTeamToTheMainTeam() {
        Sent berlin = delivered("abh-berlin", "DE-BE");
        Sent muenchen = delivered("abh-muenchen", "DE-BY");

        assertThat(addressee(berlin)).isEqualTo("ba-zav");
        assertThat(addressee(muenchen)).isEqualTo("ba-zav");
        as("ba-zav").when().get("/partner/v1/requests/{id}", berlin.interactionId())
                .then().statusCode(OK.getStatusCode());
    }

    private Sent delivered(String officeId, String land) {
        Sent r = requests.request(Map.of("officeId", officeId, "officeLand", land));
        await().atMost(Duration.ofSeconds(30)).until(() -> requests.published(r, INTERACTION_DELIVERED).size() == 1);
        return r;
    }

    private String addressee(Sent r) {
        return InteractionTestEvents.field(requests.published(r, INTERACTION_DELIVERED).get(0), "partnerOrganisation");
    }
}

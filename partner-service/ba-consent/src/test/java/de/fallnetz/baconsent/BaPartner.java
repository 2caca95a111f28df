package de.fallnetz.baconsent;

import static io.restassured.RestAssured.given;

import de.fallnetz.devstack.PartnerTokens;
import io.restassured.specification.RequestSpecification;

/** REST calls with a partner token. */
final class BaPartner {

    static final String BA = "ba-zav";

    private BaPartner() {
    }

    /** A call as a user of the BA. */
    static RequestSpecification asBa() {
        return as(BA);
    }

    static RequestSpecification as(String organisation) {
        return given().auth().oauth2(PartnerTokens.shared().mint(organisation));
    }
}

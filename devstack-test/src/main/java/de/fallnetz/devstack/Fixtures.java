package de.fallnetz.devstack;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Request bodies shared by the tests of several modules, so each test states only what it varies. */
public final class Fixtures {

    /** A postal code in the district of each office the fixtures use. */
    private static final Map<String, String> POSTAL_CODES = Map.of("abh-berlin", "10115", "abh-hamburg", "20095",
            "abh-muenchen", "80331", "abh-koeln", "50667");

    /**
     * A complete, valid body for opening an EU Blue Card case at the general salary threshold (no BA consent
     * needed), with a postal code in {@code officeId}'s district.
     */
    public static String openCaseJson(String officeId, String language) {
        return openCaseJson(officeId, language, LocalDate.of(1994, 3, 17));
    }

    /**
     * As {@link #openCaseJson(String, String)}, for an applicant born on {@code dateOfBirth}: another date is
     * another person to case-service (its person key), so a load of many cases can be one case per person.
     */
    public static String openCaseJson(String officeId, String language, LocalDate dateOfBirth) {
        String postalCode = POSTAL_CODES.get(officeId);
        if (postalCode == null) {
            throw new IllegalArgumentException("No fixture postal code for " + officeId + "; known: "
                    + POSTAL_CODES.keySet());
        }
        return """
                {
                  "caseType": "BLUE_CARD",
                  "officeId": "%s",
                  "applicant": {
                    "familyName": "Nguyen",
                    "givenNames": "Thi Lan",
                    "dateOfBirth": "%s",
                    "nationality": "VNM",
                    "preferredLanguage": "%s"
                  },
                  "application": {
                    "postalCode": "%s",
                    "employer": "Beispiel Software GmbH, Berlin",
                    "jobTitle": "Softwareentwicklerin",
                    "grossAnnualSalaryEur": 58000,
                    "salaryBand": "GENERAL",
                    "qualification": "MSc Computer Science, Hanoi University of Science and Technology",
                    "qualificationRecognised": true,
                    "firstIssue": true
                  }
                }""".formatted(officeId, dateOfBirth, language, postalCode);
    }

    public static String openCaseJson() {
        return openCaseJson("abh-berlin", "vi");
    }

    /** A request that an entry point for opening a case must refuse with {@code status}, writing nothing. */
    public record BadRequest(String name, String contentType, String body, int status, String invalidParam) {
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * Malformed JSON, missing fields, wrong types, unknown fields, a NUL character, a field given twice, an oversized
     * body, a wrong media type (400, 413, 415: the request's shape); an unknown case type and application data that do
     * not fit the case type's catalogue version (422: the content).
     */
    public static List<BadRequest> badOpenCaseRequests() {
        String valid = openCaseJson();
        String json = "application/json";
        return List.of(
                new BadRequest("malformed JSON", json, "{\"caseType\": \"BLUE_CARD\",", 400, null),
                new BadRequest("empty body", json, "", 400, null),
                new BadRequest("JSON array instead of object", json, "[1,2]", 400, null),
                new BadRequest("missing applicant", json, "{\"caseType\":\"BLUE_CARD\",\"officeId\":\"abh-berlin\"}",
                        400, "applicant"),
                new BadRequest("missing case type", json, valid.replace("\"caseType\": \"BLUE_CARD\",", ""), 400,
                        "caseType"),
                new BadRequest("blank family name", json, valid.replace("\"Nguyen\"", "\"  \""), 400,
                        "applicant.familyName"),
                new BadRequest("birth date in the future", json, valid.replace("1994-03-17", "2999-01-01"), 400,
                        "applicant.dateOfBirth"),
                new BadRequest("birth date not a date", json, valid.replace("1994-03-17", "17.03.1994"), 400,
                        "applicant.dateOfBirth"),
                new BadRequest("nationality of wrong type", json, valid.replace("\"VNM\"", "[\"VNM\"]"), 400,
                        "applicant.nationality"),
                new BadRequest("applicant of wrong type", json,
                        "{\"caseType\":\"BLUE_CARD\",\"officeId\":\"abh-berlin\",\"applicant\":\"Nguyen\"}", 400,
                        "applicant"),
                new BadRequest("case type not a code", json, valid.replace("BLUE_CARD", "blue card"), 400, "caseType"),
                new BadRequest("unknown field", json,
                        valid.replace("\"caseType\"", "\"priority\": \"high\", \"caseType\""), 400, "priority"),
                new BadRequest("NUL character in a name", json, valid.replace("\"Nguyen\"", "\"Ngu\\u0000yen\""), 400,
                        "applicant.familyName"),
                new BadRequest("field given twice", json,
                        valid.replace("\"caseType\": \"BLUE_CARD\",", "\"caseType\": \"BLUE_CARD\", \"caseType\": \"STUDENT\","),
                        400, "caseType"),
                new BadRequest("unknown case type", json, valid.replace("BLUE_CARD", "PILOT_LICENCE"), 422,
                        "caseType"),
                new BadRequest("another case type's data", json, valid.replace("\"salaryBand\": \"GENERAL\",",
                        "\"salaryBand\": \"GENERAL\", \"university\": \"TU Berlin\","), 422, "application.university"),
                new BadRequest("malformed postal code", json, valid.replace("\"10115\"", "\"1011\""), 422,
                        "application.postalCode"),
                new BadRequest("oversized body", json,
                        valid.replace("\"Nguyen\"", "\"" + "N".repeat(70_000) + "\""), 413, null),
                new BadRequest("not JSON at all", "text/plain", "open a case please", 415, null));
    }

    private Fixtures() {
    }
}

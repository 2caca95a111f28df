package de.fallnetz.devstack;

import java.util.List;

/** Request bodies shared by the tests of several modules, so each test states only what it varies. */
public final class Fixtures {

    /** A complete, valid body for opening a case. */
    public static String openCaseJson(String officeId, String language) {
        return """
                {
                  "caseType": "BLUE_CARD",
                  "officeId": "%s",
                  "applicant": {
                    "familyName": "Nguyen",
                    "givenNames": "Thi Lan",
                    "dateOfBirth": "1994-03-17",
                    "nationality": "VNM",
                    "preferredLanguage": "%s"
                  }
                }""".formatted(officeId, language);
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

    /** Malformed JSON, missing fields, wrong types, unknown fields, an oversized body, a wrong media type. */
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
                new BadRequest("oversized body", json,
                        valid.replace("\"Nguyen\"", "\"" + "N".repeat(70_000) + "\""), 413, null),
                new BadRequest("not JSON at all", "text/plain", "open a case please", 415, null));
    }

    private Fixtures() {
    }
}

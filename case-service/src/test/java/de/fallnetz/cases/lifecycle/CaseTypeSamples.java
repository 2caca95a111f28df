package de.fallnetz.cases.lifecycle;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A valid application of every case type in the catalogue, as a clerk or employer would enter it. */
final class CaseTypeSamples {

    /** The case type code → (openedBy, application data); Berlin addresses unless the type routes by place of work. */
    static final Map<String, Sample> ALL = new LinkedHashMap<>();

    record Sample(String caseType, String openedBy, String nationality, Map<String, Object> application) {
    }

    static {
        add("BLUE_CARD", "APPLICANT", "IND", Map.of("postalCode", "10115", "employer", "Beispiel Software GmbH",
                "jobTitle", "Data Engineer", "grossAnnualSalaryEur", 47000, "salaryBand", "REDUCED", "qualification",
                "B.Tech Computer Science, IIT Madras", "qualificationRecognised", true, "firstIssue", true));
        add("SKILLED_WORKER_VOCATIONAL", "APPLICANT", "PHL", Map.of("postalCode", "10115", "employer",
                "Klinikum Mitte", "jobTitle", "Pflegefachfrau", "grossAnnualSalaryEur", 41000, "qualification",
                "Bachelor of Science in Nursing", "qualificationRecognised", false, "firstIssue", true));
        add("SKILLED_WORKER_ACADEMIC", "APPLICANT", "BRA", Map.of("postalCode", "10115", "employer",
                "Beispiel Bau AG", "jobTitle", "Bauingenieur", "grossAnnualSalaryEur", 52000, "qualification",
                "Engenharia Civil, USP", "qualificationRecognised", true, "firstIssue", true));
        add("ACCELERATED_SKILLED_WORKER", "EMPLOYER", "IND", Map.of("placeOfWorkPostalCode", "10115", "employer",
                "Beispiel Software GmbH", "jobTitle", "Backend Developer", "targetTitle", "SKILLED_WORKER_ACADEMIC_18B",
                "grossAnnualSalaryEur", 56000, "qualification", "B.E. Computer Engineering", "qualificationRecognised",
                true, "familyMembers", List.of(Map.of("familyName", "Sharma", "givenNames", "Priya", "dateOfBirth",
                        "1993-05-02", "nationality", "IND", "relationship", "SPOUSE"))));
        add("WESTERN_BALKANS", "APPLICANT", "SRB", Map.of("postalCode", "10115", "employer", "Gasthaus Beispiel",
                "jobTitle", "Koch", "grossAnnualSalaryEur", 32000, "asylumSeekerBenefitsLast24Months", false,
                "firstIssue", true));
        add("STUDENT", "APPLICANT", "CHN", Map.of("postalCode", "10115", "university", "Technische Universität Berlin",
                "studyProgramme", "M.Sc. Computer Science", "studyStart", "2026-10-01", "financing",
                "BLOCKED_ACCOUNT"));
        add("FAMILY_REUNIFICATION", "APPLICANT", "SYR", Map.of("postalCode", "10115", "relationship", "SPOUSE",
                "sponsorFamilyName", "Haddad", "sponsorGivenNames", "Omar", "sponsorResidenceTitle",
                "Blaue Karte EU", "livingSpaceSqm", 68, "germanA1", true, "sponsorReceivesBenefits", false,
                "firstIssue", true));
        add("SETTLEMENT_PERMIT", "APPLICANT", "TUR", Map.of("postalCode", "10115", "basis",
                "SECTION_18C_2_BLUE_CARD", "currentTitleSince", "2024-03-01", "pensionContributionMonths", 27,
                "germanLevel", "B1"));
        add("EXTENSION", "APPLICANT", "UKR", Map.of("postalCode", "10115", "currentTitle", "§18b AufenthG",
                "currentTitleExpiresOn", "2027-02-28", "titleDependsOnBaConsent", true));
        add("CHANGE_OF_EMPLOYER", "APPLICANT", "VNM", Map.of("postalCode", "10115", "currentTitle",
                "SKILLED_WORKER_ACADEMIC", "newEmployer", "Andere Software GmbH", "jobTitle", "Entwicklerin",
                "grossAnnualSalaryEur", 61000, "employmentStart", "2027-01-01"));
        add("ADDRESS_CHANGE_TRANSFER", "APPLICANT", "AFG", Map.of("postalCode", "10115", "newPostalCode", "80331",
                "moveDate", "2026-12-01", "residenceRestriction", false));
    }

    private static void add(String type, String openedBy, String nationality, Map<String, Object> application) {
        ALL.put(type, new Sample(type, openedBy, nationality, application));
    }

    static Sample of(String type) {
        return ALL.get(type);
    }

    private CaseTypeSamples() {
    }
}

package de.fallnetz.contracts.cases;

import java.time.LocalDate;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The person a case is about. Personal data: every read of it is audited. */
public record ApplicantData(
        @Schema(required = true, examples = "Nguyen")
        @NotBlank @Size(max = 200)
        String familyName,
        @Schema(required = true, examples = "Thi Lan")
        @NotBlank @Size(max = 200)
        String givenNames,
        @Schema(required = true, examples = "1994-03-17")
        @NotNull @Past
        LocalDate dateOfBirth,
        @Schema(description = "ISO 3166-1 alpha-3 code", required = true, examples = "VNM")
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 3166-1 alpha-3 code such as VNM")
        String nationality,
        @Schema(description = "Preferred language for notifications (BCP 47); German if left out", examples = "vi")
        @Pattern(regexp = "[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", message = "must be a BCP 47 language tag such as de or pt-BR")
        String preferredLanguage,
        @Schema(description = "Number in the Central Register of Foreigners (AZR), the key across agencies, where known",
                examples = "123456789012")
        @Pattern(regexp = "[0-9A-Z]{6,20}", message = "must be 6 to 20 digits or capital letters")
        String azrNumber,
        @Schema(description = "E-mail address for notifications about the case (receipt, missing documents, "
                + "decision); no mail is sent without it", examples = "lan.nguyen@example.org")
        @Email @Size(max = 254)
        String email) {

    public ApplicantData(String familyName, String givenNames, LocalDate dateOfBirth, String nationality,
            String preferredLanguage) {
        this(familyName, givenNames, dateOfBirth, nationality, preferredLanguage, null, null);
    }

    public ApplicantData(String familyName, String givenNames, LocalDate dateOfBirth, String nationality,
            String preferredLanguage, String azrNumber) {
        this(familyName, givenNames, dateOfBirth, nationality, preferredLanguage, azrNumber, null);
    }

    public static final String DEFAULT_LANGUAGE = "de";

    public String languageOrDefault() {
        return preferredLanguage == null ? DEFAULT_LANGUAGE : preferredLanguage;
    }
}

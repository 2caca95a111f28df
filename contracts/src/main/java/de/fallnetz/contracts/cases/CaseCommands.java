package de.fallnetz.contracts.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies of the clerks' commands on a case ({@code POST /cases/{id}/...}); each needs the case's If-Match. */
public final class CaseCommands {

    public record AssignRequest(
            @Schema(description = "The clerk's user ID", examples = "clerk-berlin-17", required = true)
            @NotBlank @Size(max = 100)
            String assignee) {
    }

    public record ChecklistChangeRequest(
            @Schema(description = "Why; required when an item is unticked", examples = "Vertrag liegt im Original vor")
            @Size(max = 1000)
            String note) {
    }

    public record DocumentsRequest(
            @Schema(description = "The checklist items the applicant must still provide", required = true)
            @NotEmpty @Size(max = 50)
            List<@NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,59}", message = "must be a checklist item ID") String> itemIds,
            @Schema(description = "A note to the applicant")
            @Size(max = 2000)
            String note,
            @Schema(description = "By when the applicant must hand them in (end of that day, office time); "
                    + "not in the past; default 14 days from now", examples = "2026-12-15")
            LocalDate dueDate) {

        /** Without a due date, as before it existed. */
        public DocumentsRequest(List<String> itemIds, String note) {
            this(itemIds, note, null);
        }
    }

    public record CardReadyRequest(
            @Schema(description = "A hint for the applicant: opening hours, room, an appointment",
                    examples = "Abholung montags bis freitags 8 bis 12 Uhr, Raum 104")
            @Size(max = 1000)
            String pickupNote) {
    }

    public record SupplyInformationRequest(
            @Schema(description = "The data the partner asked for", required = true)
            @NotNull @Size(max = 50)
            Map<String, Object> data,
            @Size(max = 2000)
            String note) {
    }

    public record HearingRequest(
            @Schema(description = "When the applicant was heard (§28 VwVfG)", required = true)
            @NotNull @PastOrPresent
            Instant heardAt,
            @Schema(description = "What the applicant said, or that they did not answer", required = true)
            @NotBlank @Size(max = 20000)
            String statement) {
    }

    public record DecisionRequest(
            @Schema(description = "GRANTED or REFUSED", required = true, examples = "GRANTED")
            @NotNull @Pattern(regexp = "GRANTED|REFUSED", message = "must be GRANTED or REFUSED")
            String outcome,
            @Schema(description = "Reasons; required for a refusal")
            @Size(max = 20000)
            String reasons,
            @Schema(description = "Legal basis; required for a refusal (a grant names the case type's)",
                    examples = "§18g Abs. 1 AufenthG")
            @Size(max = 500)
            String legalBasis,
            @Schema(description = "Conditions attached to a grant (Nebenbestimmungen)")
            @Size(max = 20)
            List<@NotBlank @Size(max = 500) String> conditions,
            @Schema(description = "The deciding clerk", required = true, examples = "clerk-berlin-17")
            @NotBlank @Size(max = 100)
            String decidedBy) {
    }

    public record WithdrawalRequest(
            @Schema(description = "Why, e.g. the applicant's letter of withdrawal", required = true)
            @NotBlank @Size(max = 2000)
            String reason) {
    }

    public record TransferRequest(
            @Schema(description = "The receiving office; or leave it out and give the new postal code")
            @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,39}", message = "must be an office ID")
            String toOfficeId,
            @Schema(description = "Postal code of the new residence (routes to the receiving office)")
            @Pattern(regexp = "[0-9]{5}", message = "must be a German postal code of five digits")
            String postalCode,
            @Schema(description = "Place name, for a postal code that spans several districts")
            @Size(max = 100)
            String municipality,
            @Schema(description = "Why", required = true, examples = "Neuer Hauptwohnsitz in München")
            @NotBlank @Size(max = 2000)
            String reason) {
    }

    public record OfficeChoiceRequest(
            @Schema(description = "One of the candidate offices", required = true)
            @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,39}", message = "must be an office ID")
            String officeId) {
    }

    private CaseCommands() {
    }
}

package de.fallnetz.notifications.webhooks;

import java.util.List;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /partner/v1/subscriptions}. */
public record SubscriptionRequest(
        @Schema(description = "Where to POST; https in production", examples = "https://partner.example/hooks/fallnetz",
                required = true)
        @NotBlank @Size(max = 2000)
        String url,
        @Schema(description = "The channel: CloudEvent types of interaction events to receive",
                examples = "[\"de.fallnetz.interaction.delivered\", \"de.fallnetz.interaction.deemed-granted\"]",
                required = true)
        @NotEmpty @Size(max = 20)
        List<@NotBlank String> eventTypes,
        @Schema(description = "Only these interaction kinds; all if left out", examples = "[\"BA_CONSENT\"]")
        @Size(max = 50)
        List<@NotBlank String> interactionKinds,
        @Schema(description = "Only cases of these offices; all if left out", examples = "[\"abh-berlin\"]")
        @Size(max = 100)
        List<@NotBlank String> officeIds,
        @Schema(description = "Told when the subscription is paused after failing deliveries",
                examples = "webhooks@partner.example")
        @Email @Size(max = 254)
        String contactEmail) {
}

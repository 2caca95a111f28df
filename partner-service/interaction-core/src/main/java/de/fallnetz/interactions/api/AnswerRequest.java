package de.fallnetz.interactions.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A partner's answer. The outcomes allowed depend on the interaction kind (see the service's docs page): BA consent
 * {@code GRANTED}, {@code GRANTED_WITH_CONDITIONS}, {@code REFUSED}; recognition {@code GRANTED}, {@code REFUSED};
 * security check {@code NO_OBJECTION}, {@code CONCERNS}. A refusal or concerns need reasons.
 */
@Schema(description = "A partner's answer; allowed outcomes depend on the interaction kind",
        example = "{\"outcome\":\"GRANTED_WITH_CONDITIONS\",\"reasons\":\"Arbeitsbedingungen geprüft\","
                + "\"conditions\":[\"Beschäftigung nur bei der Beispiel GmbH\"]}")
public record AnswerRequest(String outcome, String reasons, List<String> conditions) {
}

package de.fallnetz.interactions.api;

import jakarta.validation.constraints.NotBlank;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the partner misses; the deadline stops until the office supplies it. */
@Schema(example = "{\"missing\":\"Wöchentliche Arbeitszeit laut Arbeitsvertrag\"}")
public record InformationRequestBody(@NotBlank String missing) {
}

package de.fallnetz.interactions.domain;

import java.util.List;

/**
 * A partner's answer, or one the service gives itself (a refusal because the contingent is exhausted).
 *
 * @param outcome e.g. {@code GRANTED}, {@code REFUSED}
 * @param binding whether a refusal binds the office
 * @param reasons why; required for refusals and concerns
 * @param conditions conditions attached to a grant
 */
public record Answer(String outcome, boolean binding, String reasons, List<String> conditions) {
}

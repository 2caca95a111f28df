package de.fallnetz.interactions.domain;

import java.util.List;
import java.util.stream.Collectors;

import de.fallnetz.platform.rest.Problem;
import de.fallnetz.platform.rest.ProblemException;

/** A request was asked to do what its state does not allow: a 409 that names the states it could move to. */
public class IllegalTransitionException extends ProblemException {

    public IllegalTransitionException(String interactionId, InteractionState from, InteractionState to) {
        super(Problem.typed("illegal-transition", "Conflict", 409, "Request " + interactionId + " is " + from
                + " and cannot become " + to + "; allowed from " + from + ": "
                + (from.next().isEmpty() ? "none (final)"
                        : from.next().stream().map(Enum::name).collect(Collectors.joining(", "))))
                .withInvalidParams(List.of(new Problem.InvalidParam("state", from.name()))));
    }
}

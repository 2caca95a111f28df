package de.fallnetz.platform.rest;

import java.time.Duration;

/** Thrown by services to answer with a specific problem; mapped as it is. */
public class ProblemException extends RuntimeException {

    private final Problem problem;
    private final Duration retryAfter;

    public ProblemException(Problem problem) {
        this(problem, null);
    }

    /** @param retryAfter sent as {@code Retry-After} (whole seconds, at least 1), or null for none */
    public ProblemException(Problem problem, Duration retryAfter) {
        super(problem.detail());
        this.problem = problem;
        this.retryAfter = retryAfter;
    }

    public Problem problem() {
        return problem;
    }

    /** The {@code Retry-After} header's value in seconds, or null. */
    public Long retryAfterSeconds() {
        return retryAfter == null ? null : Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(Problem.typed("not-found", "Not Found", 404, what + " does not exist"));
    }
}

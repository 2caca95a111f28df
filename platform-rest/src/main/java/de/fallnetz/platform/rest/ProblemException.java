package de.fallnetz.platform.rest;

/** Thrown by services to answer with a specific problem; mapped as it is. */
public class ProblemException extends RuntimeException {

    private final Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(Problem.typed("not-found", "Not Found", 404, what + " does not exist"));
    }
}

package de.fallnetz.cases.letters;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import de.fallnetz.platform.rest.Problem;
import de.fallnetz.platform.rest.ProblemException;

/**
 * Lets at most a fixed number of letters render at once; a render that finds none free within the wait is answered
 * 503, to be repeated with the same Idempotency-Key. See {@link LettersConfig}.
 */
final class RenderPermits {

    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final Semaphore permits;
    private final Duration wait;

    RenderPermits(int concurrent, Duration wait) {
        this.permits = new Semaphore(Math.max(1, concurrent), true);
        this.wait = wait;
    }

    <T> T run(Supplier<T> render) {
        boolean permitted;
        try {
            permitted = permits.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            permitted = false;
        }
        if (!permitted) {
            // Retry-After: about the time one letter takes, so the next try finds a permit free.
            throw new ProblemException(Problem.typed("letters-busy", "Service Unavailable", 503,
                    "Too many decision letters are being written right now. Repeat the request after the seconds given"
                            + " in Retry-After, with the same Idempotency-Key."),
                    RETRY_AFTER);
        }
        try {
            return render.get();
        } finally {
            permits.release();
        }
    }
}

package de.fallnetz.cases.letters;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code fallnetz.letters.*}: how many decision letters case-service renders at once. */
@ConfigMapping(prefix = "fallnetz.letters")
public interface LettersConfig {

    /**
     * Letters rendered at the same time, and so the pairs of parsed fonts kept (several MiB each). Rendering is
     * CPU-bound, so more renders than cores only add memory: 16 decisions at once, each parsing both fonts, ran
     * case-service's 160 MiB heap out of memory in the lifecycle bench.
     */
    @WithDefault("2")
    int concurrentRenders();

    /**
     * How long a decision waits for a free render before it is answered 503 (repeat with the same Idempotency-Key).
     * Below the gateway's 5 s timeout for case-service, so that the clerk gets the answer rather than a timeout.
     */
    @WithDefault("4s")
    Duration renderWait();
}

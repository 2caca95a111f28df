package de.fallnetz.cases.letters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import de.fallnetz.platform.rest.ProblemException;

class RenderPermitsTest {

    @Test
    void aRenderBeyondTheLimitWaitsForAFreePermitAndIsAnswered503WhenNoneFreesInTime() throws Exception {
        RenderPermits permits = new RenderPermits(1, Duration.ofMillis(100));
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> permits.run(() -> {
            started.countDown();
            await(finish);
            return "first";
        }));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> permits.run(() -> "second"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(503);
                    assertThat(e.problem().type()).endsWith("letters-busy");
                    assertThat(e.retryAfterSeconds()).isEqualTo(1L);
                });

        finish.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(permits.run(() -> "third")).isEqualTo("third");
    }

    @Test
    void aRenderThatFailsGivesItsPermitBack() {
        RenderPermits permits = new RenderPermits(1, Duration.ofMillis(100));

        assertThatThrownBy(() -> permits.run(() -> {
            throw new IllegalStateException("broken template");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(permits.run(() -> "next")).isEqualTo("next");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

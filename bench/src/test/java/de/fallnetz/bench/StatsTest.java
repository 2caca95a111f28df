package de.fallnetz.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void shouldTakeNearestRankPercentilesSoThatP99OfAHundredIsTheNinetyNinthValue() {
        double[] values = IntStream.rangeClosed(1, 100).mapToDouble(i -> 101 - i).toArray();

        Stats stats = Stats.ofMillis(values);

        assertThat(stats).isEqualTo(new Stats(50, 90, 99, 100));
    }

    @Test
    void shouldConvertNanosecondsToMilliseconds() {
        assertThat(Stats.ofNanos(new long[] { 2_500_000 }).p50()).isEqualTo(2.5);
    }
}

package de.fallnetz.bench;

import java.util.Arrays;

/** Percentiles of a set of durations, in milliseconds. */
record Stats(double p50, double p90, double p99, double max) {

    static Stats ofNanos(long[] nanos) {
        double[] ms = Arrays.stream(nanos).mapToDouble(n -> n / 1e6).toArray();
        return ofMillis(ms);
    }

    static Stats ofMillis(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return new Stats(at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99), sorted[sorted.length - 1]);
    }

    /** Nearest-rank percentile. */
    private static double at(double[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}

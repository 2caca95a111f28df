package de.fallnetz.bench;

import java.io.PrintStream;

/** Prints how far a step has come, once per tenth, so a long run shows it is alive without flooding the terminal. */
final class Progress {

    private final PrintStream out;
    private final String step;
    private int lastTenth = -1;

    Progress(PrintStream out, String step) {
        this.out = out;
        this.step = step;
    }

    synchronized void update(long done, long total) {
        int tenth = (int) (done * 10 / Math.max(1, total));
        if (tenth != lastTenth) {
            lastTenth = tenth;
            out.printf("      %-30s %3d %%  (%d of %d)%n", step, tenth * 10, done, total);
        }
    }
}

package de.fallnetz.securitycheck;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the security consultation ({@code fallnetz.security-check.*}). */
@ConfigMapping(prefix = "fallnetz.security-check")
public interface SecurityCheckConfig {

    /**
     * Working days after delivery when the office is reminded that the security agencies have not answered (there is
     * no statutory period for §73 queries, only "without delay"). 0 turns reminders off.
     */
    @WithDefault("10")
    int reminderWorkingDays();

    /** Working days after which an unanswered query escalates, when the request carries no rule of its own. */
    @WithDefault("20")
    int escalationWorkingDays();
}

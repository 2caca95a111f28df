package de.fallnetz.officetransfer;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of office-transfer ({@code fallnetz.office-transfer.*}). */
@ConfigMapping(prefix = "fallnetz.office-transfer")
public interface OfficeTransferConfig {

    /** Working days the receiving office has to take a transferred case over before the hand-over escalates. */
    @WithDefault("10")
    int acceptanceWorkingDays();
}

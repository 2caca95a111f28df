package de.fallnetz.platform.messaging.inbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code fallnetz.inbox.*}: how long a consumer remembers the events it applied. */
@ConfigMapping(prefix = "fallnetz.inbox")
public interface InboxConfig {

    /**
     * How long an applied event's ID is kept to recognise a redelivery. Must stay well above the topics' retention
     * (Kafka's default is 7 days): a record can only be redelivered while Kafka still has it.
     */
    @WithDefault("30d")
    Duration retention();
}

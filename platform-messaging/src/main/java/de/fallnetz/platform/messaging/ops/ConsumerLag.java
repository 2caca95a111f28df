package de.fallnetz.platform.messaging.ops;

/** How many records of a topic a consumer group of this service has not committed yet, over all partitions. */
public record ConsumerLag(String channel, String group, String topic, long lag) {
}

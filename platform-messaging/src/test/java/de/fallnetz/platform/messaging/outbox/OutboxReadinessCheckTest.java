package de.fallnetz.platform.messaging.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutboxReadinessCheckTest {

    @Test
    void shouldBeReadyWhileEventsReachKafkaWithinTheLimit() {
        assertThat(OutboxReadinessCheck.ready(true, 0, 60)).isTrue();
        assertThat(OutboxReadinessCheck.ready(true, 60, 60)).isTrue();
    }

    @Test
    void shouldGoDownOnceAnEventWaitsLongerThanTheLimitForKafka() {
        assertThat(OutboxReadinessCheck.ready(true, 61, 60)).isFalse();
    }

    @Test
    void shouldStayReadyWhenThisInstanceDoesNotRelay() {
        assertThat(OutboxReadinessCheck.ready(false, 3600, 60)).isTrue();
    }
}

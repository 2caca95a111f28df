package de.fallnetz.interactions.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import de.fallnetz.platform.rest.ProblemException;

class InteractionStateTest {

    @Test
    void shouldLetEveryOpenRequestBeCancelledAndNoFinalOneMoveAnyMore() {
        for (InteractionState open : InteractionState.openStates()) {
            assertThat(open.canMoveTo(InteractionState.CANCELLED)).as(open.name()).isTrue();
        }
        assertThat(InteractionState.DEEMED_GRANTED.next()).isEmpty();
        assertThat(InteractionState.CANCELLED.next()).isEmpty();
        assertThat(InteractionState.EXPIRED.next()).isEmpty();
    }

    @Test
    void shouldNeverDeemARequestGrantedWhileInformationIsMissing() {
        assertThat(InteractionState.INFORMATION_REQUESTED.canMoveTo(InteractionState.DEEMED_GRANTED)).isFalse();
        assertThat(InteractionState.INFORMATION_REQUESTED.canMoveTo(InteractionState.ESCALATED)).isFalse();
    }

    @Test
    void shouldRefuseAnIllegalMoveWithAConflictThatNamesTheAllowedStates() {
        InteractionRequestEntity r = new InteractionRequestEntity();
        r.id = "i-1";
        r.state = InteractionState.ANSWERED;

        assertThatThrownBy(() -> r.moveTo(InteractionState.CLAIMED, Instant.now()))
                .isInstanceOf(ProblemException.class)
                .satisfies(e -> {
                    assertThat(((ProblemException) e).problem().status()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("allowed from ANSWERED: EXPIRED");
                });
    }
}

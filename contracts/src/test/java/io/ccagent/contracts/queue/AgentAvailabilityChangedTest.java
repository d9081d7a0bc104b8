package io.ccagent.contracts.queue;

import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.contracts.wire.EnvelopeCodec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.ccagent.contracts.queue.UnavailableReason.LOGGED_OUT;
import static io.ccagent.contracts.queue.UnavailableReason.NONE;
import static io.ccagent.contracts.queue.UnavailableReason.ON_CALL;
import static io.ccagent.contracts.queue.UnavailableReason.WRAP_UP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentAvailabilityChangedTest {

    private static final QueueId QUEUE = QueueId.parse("8001@xyzcorporation.com");
    private static final AgentId AGENT = AgentId.parse("1002@xyzcorporation.com");
    private static final Instant UNTIL = Instant.parse("2026-11-30T10:00:30Z");

    @Test
    void aWrapUpIsRedUntilItsEndAndGreenFromThen() {
        var wrapUp = new AgentAvailabilityChanged.QueueAvailability(QUEUE, false, WRAP_UP, UNTIL);

        assertThat(wrapUp.asOf(UNTIL.minusMillis(1))).isSameAs(wrapUp);
        assertThat(wrapUp.asOf(UNTIL))
                .isEqualTo(new AgentAvailabilityChanged.QueueAvailability(QUEUE, true, NONE, null, List.of()));
    }

    @Test
    void anEndedWrapUpLeavesTheOtherReasonsRed() {
        var wrapUp = new AgentAvailabilityChanged.QueueAvailability(QUEUE, false, LOGGED_OUT, UNTIL,
                List.of(LOGGED_OUT, WRAP_UP));

        assertThat(wrapUp.asOf(UNTIL.plusSeconds(5)))
                .isEqualTo(new AgentAvailabilityChanged.QueueAvailability(QUEUE, false, LOGGED_OUT, null,
                        List.of(LOGGED_OUT)));
    }

    @Test
    void anAnswerCarriesTheAnsweringAgentsChange() {
        var onCall = new AgentAvailabilityChanged(AGENT, List.of(
                new AgentAvailabilityChanged.QueueAvailability(QUEUE, false, ON_CALL, null)));
        CallId call = CallId.of("c-1");

        assertThat(AgentAvailabilityChanged.of(new CallerLeft(QUEUE, call, CallerLeftReason.ANSWERED, onCall)))
                .contains(onCall);
        assertThat(AgentAvailabilityChanged.of(onCall)).contains(onCall);
        assertThat(AgentAvailabilityChanged.of(new CallerLeft(QUEUE, call, CallerLeftReason.ANSWERED))).isEmpty();
        assertThatThrownBy(() -> new CallerLeft(QUEUE, call, CallerLeftReason.ABANDONED, onCall))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCallerLeftWrittenBeforeAnsweredByExistedReadsAsWithoutIt() {
        String stored = """
                {"id":"%s","type":"queue.CallerLeft","version":1,"tenant":"xyzcorporation.com",
                 "subject":"8001@xyzcorporation.com","time":"2026-11-30T10:00:00Z",
                 "data":{"queue":"8001@xyzcorporation.com","call":"c-1","reason":"ANSWERED"}}""".formatted(UUID.randomUUID());

        Envelope envelope = new EnvelopeCodec().decode(stored.getBytes(StandardCharsets.UTF_8));

        assertThat(envelope.data()).isEqualTo(new CallerLeft(QUEUE, CallId.of("c-1"), CallerLeftReason.ANSWERED));
    }
}

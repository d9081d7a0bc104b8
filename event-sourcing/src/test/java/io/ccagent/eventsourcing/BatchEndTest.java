package io.ccagent.eventsourcing;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BatchEndTest {

    private final List<String> done = new ArrayList<>();
    private final List<List<String>> payloadsSeen = new ArrayList<>();

    @Test
    void whatAHandlerCollectsOverABatchIsDoneOnceAtItsLastEvent() throws Exception {
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(List.of(
                GenericEventMessage.asEventMessage("a"), GenericEventMessage.asEventMessage("b"),
                GenericEventMessage.asEventMessage(7), GenericEventMessage.asEventMessage("c")));

        batch.executeWithResult(() -> handle(CurrentUnitOfWork.get().getMessage()),
                RollbackConfigurationType.ANY_THROWABLE);

        assertThat(done).containsExactly("[a, b, 7, c]");
        assertThat(payloadsSeen).as("every event of the batch sees the batch's payloads of the type asked")
                .containsOnly(List.of("a", "b", "c"));
    }

    @Test
    void outsideABatchEveryEventIsABatchOfOne() {
        handle(GenericEventMessage.asEventMessage("a"));
        handle(GenericEventMessage.asEventMessage("b"));

        assertThat(done).containsExactly("[a]", "[b]");
        assertThat(payloadsSeen).containsOnly(List.of());
    }

    private Object handle(Message<?> event) {
        payloadsSeen.add(BatchEnd.payloads(String.class));
        List<Object> collected = BatchEnd.collected("test.collected", ArrayList::new);
        collected.add(event.getPayload());
        if (BatchEnd.reached()) {
            done.add(collected.toString());
            collected.clear();
        }
        return null;
    }
}

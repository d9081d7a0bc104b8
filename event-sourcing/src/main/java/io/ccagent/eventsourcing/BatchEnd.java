package io.ccagent.eventsourcing;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.List;
import java.util.function.Supplier;

/**
 * Work a tracking processor's handler collects over a batch and does once, at the batch's last event: one bulk write
 * or one flush instead of one round trip per event. The work is done inside the last handler call, so before the
 * batch commits and the processor stores its token; if it fails, the batch fails and is retried from the old token.
 * (An {@code onPrepareCommit} hook would run after the token is stored: the processor registers its own first.)
 * A tracking processor's batch holds only events its handlers take, so the batch's last event reaches the handler.
 * Outside a batch (a subscribing processor, a test calling the handler) every event is a batch of one.
 */
public final class BatchEnd {

    private BatchEnd() {
    }

    /** What the handler collected so far in this batch under {@code key}, created on first use. */
    public static <T> T collected(String key, Supplier<T> create) {
        if (!CurrentUnitOfWork.isStarted()) {
            return create.get();
        }
        return CurrentUnitOfWork.get().getOrComputeResource(key, ignored -> create.get());
    }

    /** The payloads of the given type in the batch being handled, to read what they need in one query; outside a
     * batch, none (the handler reads per event). */
    public static <T> List<T> payloads(Class<T> type) {
        if (!CurrentUnitOfWork.isStarted()) {
            return List.of();
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        List<? extends Message<?>> messages = unitOfWork instanceof BatchingUnitOfWork<?> batching
                ? batching.getMessages() : List.of(unitOfWork.getMessage());
        return messages.stream().map(Message::getPayload).filter(type::isInstance).map(type::cast).toList();
    }

    /** Whether the event being handled is the last of its batch: time to do the collected work. */
    public static boolean reached() {
        if (!CurrentUnitOfWork.isStarted()) {
            return true;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        return !(unitOfWork instanceof BatchingUnitOfWork<?> batching) || batching.isLastMessage();
    }
}

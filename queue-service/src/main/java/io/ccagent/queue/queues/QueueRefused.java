package io.ccagent.queue.queues;

import org.axonframework.common.AxonNonTransientException;

/** A queue command that breaks a rule of the queue; non-transient, so it is never retried. */
final class QueueRefused extends AxonNonTransientException {

    enum Kind { NOT_FOUND, CONFLICT }

    private final Kind kind;

    private QueueRefused(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    static QueueRefused notFound(String message) {
        return new QueueRefused(Kind.NOT_FOUND, message);
    }

    static QueueRefused conflict(String message) {
        return new QueueRefused(Kind.CONFLICT, message);
    }

    Kind kind() {
        return kind;
    }
}

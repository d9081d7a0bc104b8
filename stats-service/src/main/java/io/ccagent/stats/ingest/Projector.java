package io.ccagent.stats.ingest;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.MongoInterruptedException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoServerException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import io.ccagent.contracts.Topics;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.stats.ingest.ReadRecord.Rejected;
import io.ccagent.stats.store.Generation;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the decoded records of one topic into a generation, for live consumption and rebuilds alike. A store error
 * that passes (lost connection, timeout, primary election, a racing upsert) is retried with back-off for as long as
 * it lasts, so the caller, and the consumer with it, waits and loses nothing. Any other failure is narrowed down to
 * the records that fail on their own; those can never be projected and are handed back, each alone.
 */
@Component
public class Projector {

    private static final Logger log = LoggerFactory.getLogger(Projector.class);
    private static final Duration FIRST_BACK_OFF = Duration.ofMillis(100);
    private static final Duration MAX_BACK_OFF = Duration.ofSeconds(5);

    private final CallProjection calls;
    private final AgentProjection agents;
    private final QueueProjection queues;
    private final AvailabilityProjection availability;
    private final MeterRegistry meters;

    public Projector(CallProjection calls, AgentProjection agents, QueueProjection queues,
              AvailabilityProjection availability, MeterRegistry meters) {
        this.calls = calls;
        this.agents = agents;
        this.queues = queues;
        this.availability = availability;
        this.meters = meters;
    }

    /** Projects the records; returns those that can never be projected. */
    public List<Rejected> project(String topic, List<ReadRecord> records, Generation generation) {
        if (records.isEmpty()) {
            return List.of();
        }
        try {
            withRetry(topic, () -> apply(topic, records.stream().map(ReadRecord::envelope).toList(), generation));
            return List.of();
        } catch (Interrupted e) {
            throw e;
        } catch (RuntimeException e) {
            if (records.size() == 1) {
                return List.of(new Rejected(records.get(0), e));
            }
            List<Rejected> rejected = new ArrayList<>();
            for (ReadRecord record : records) {
                rejected.addAll(project(topic, List.of(record), generation));
            }
            return rejected;
        }
    }

    private void apply(String topic, List<Envelope> events, Generation generation) {
        switch (topic) {
            case Topics.CALL_EVENTS -> calls.apply(events, generation);
            case Topics.AGENT_EVENTS -> agents.apply(events, generation);
            case Topics.QUEUE_EVENTS -> queues.apply(events, generation);
            case Topics.QUEUE_FACTS -> availability.apply(events, generation);
            default -> throw new IllegalArgumentException("stats-service does not read " + topic);
        }
    }

    private void withRetry(String topic, Runnable write) {
        Duration backOff = FIRST_BACK_OFF;
        while (true) {
            try {
                write.run();
                return;
            } catch (RuntimeException e) {
                if (Thread.currentThread().isInterrupted() || causedBy(e, MongoInterruptedException.class)) {
                    throw new Interrupted();
                }
                if (!passes(e)) {
                    throw e;
                }
                meters.counter("cca.stats.store.retries", "topic", topic).increment();
                log.warn("store unavailable ({}); retrying {} in {} ms", e.getMessage(), topic, backOff.toMillis());
                sleep(backOff);
                backOff = backOff.multipliedBy(2).compareTo(MAX_BACK_OFF) > 0 ? MAX_BACK_OFF : backOff.multipliedBy(2);
            }
        }
    }

    /** True for store errors that go away by themselves; anywhere in the cause chain. */
    static boolean passes(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof MongoSocketException || cause instanceof MongoTimeoutException
                    || cause instanceof MongoNotPrimaryException || cause instanceof MongoNodeIsRecoveringException) {
                return true;
            }
            if (cause instanceof MongoBulkWriteException bulk && !bulk.getWriteErrors().isEmpty()
                    && bulk.getWriteErrors().stream().allMatch(failed -> ErrorCategory.fromErrorCode(failed.getCode())
                    == ErrorCategory.DUPLICATE_KEY)) {
                return true;
            }
            if (cause instanceof MongoServerException server
                    && ErrorCategory.fromErrorCode(server.getCode()) == ErrorCategory.DUPLICATE_KEY) {
                return true;
            }
            if (cause instanceof MongoException mongo && (mongo.hasErrorLabel(MongoException.TRANSIENT_TRANSACTION_ERROR_LABEL)
                    || mongo.hasErrorLabel("RetryableWriteError"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static void sleep(Duration backOff) {
        try {
            Thread.sleep(backOff.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Interrupted();
        }
    }

    /** Shutting down while waiting for the store: the records stay uncommitted and are read again. */
    static final class Interrupted extends RuntimeException {
        Interrupted() {
            super("interrupted while waiting for the store");
        }
    }
}

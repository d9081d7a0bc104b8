package io.ccagent.stats.ingest;

import io.ccagent.badinput.kafka.DeadLetters.Source;
import io.ccagent.contracts.wire.Envelope;

/**
 * A record that passed {@link RecordReader}: its envelope, and where it was read and its key and bytes as read, for
 * the dead-letter topic.
 */
public record ReadRecord(Source source, Object key, byte[] value, Envelope envelope) {

    /** A record that can never be projected, and why. */
    public record Rejected(ReadRecord record, RuntimeException cause) {

        public String reason() {
            return String.valueOf(cause);
        }
    }
}

package io.ccagent.stats.ingest;

import io.ccagent.contracts.wire.Envelope;

/** A record that passed {@link RecordReader}: its envelope, and its key and bytes as read, for the dead-letter topic. */
public record ReadRecord(Object key, byte[] value, Envelope envelope) {

    /** A record that can never be projected, and why. */
    public record Rejected(ReadRecord record, String reason) {
    }
}

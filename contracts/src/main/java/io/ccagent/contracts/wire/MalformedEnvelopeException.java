package io.ccagent.contracts.wire;

/** A record that cannot be read as an envelope; its message says why, in words fit for a dead-letter header. */
public class MalformedEnvelopeException extends RuntimeException {

    public MalformedEnvelopeException(String message, Throwable cause) {
        super(message, cause);
    }

    public MalformedEnvelopeException(String message) {
        super(message);
    }
}

package io.ccagent.contracts.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;

/** An opaque call identifier chosen by the telephony side (a SIP Call-ID or a PBX's own id). */
public record CallId(String value) {

    public CallId {
        Objects.requireNonNull(value, "call id is required");
        if (value.isBlank() || value.length() > 200) {
            throw new IllegalArgumentException("call id must be 1-200 characters");
        }
    }

    @JsonCreator
    public static CallId of(String value) {
        return new CallId(value);
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}

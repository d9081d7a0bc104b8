package io.ccagent.contracts.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ccagent.contracts.Event;
import io.ccagent.contracts.ids.Tenant;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** Reads and writes envelopes as JSON bytes. Thread-safe; one instance is enough per process. */
public final class EnvelopeCodec {

    private final JsonMapper json = JsonMapper.builder()
            .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** Written field by field with the event straight into the same buffer (no intermediate tree). */
    public byte[] encode(Envelope envelope) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator out = json.createGenerator(bytes)) {
            out.writeStartObject();
            out.writeStringProperty("id", envelope.id().toString());
            out.writeStringProperty("type", envelope.type());
            out.writeNumberProperty("version", envelope.version());
            out.writeStringProperty("tenant", envelope.tenant().domain());
            out.writeStringProperty("subject", envelope.subject());
            out.writeStringProperty("time", envelope.time().toString());
            if (envelope.causationId() != null) {
                out.writeStringProperty("causationId", envelope.causationId().toString());
            }
            out.writeName("data");
            out.writePOJO(envelope.data());
            out.writeEndObject();
        }
        return bytes.toByteArray();
    }

    /**
     * Decodes a Kafka record and checks that its key is the envelope's tenant, as every producer keys it: a record
     * keyed otherwise would sit in another tenant's partition and break that tenant's ordering. {@code recordKey} is
     * the key as the consumer received it (bytes or text); a record without a key is only decoded.
     */
    public Envelope decodeRecord(Object recordKey, byte[] value) {
        Envelope envelope = decode(value);
        String key = recordKey instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                : recordKey == null ? null : recordKey.toString();
        if (key != null && !key.equals(envelope.key())) {
            throw new MalformedEnvelopeException("record key '" + key + "' is not the envelope's tenant '"
                    + envelope.key() + "'");
        }
        return envelope;
    }

    public Envelope decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new MalformedEnvelopeException("empty record");
        }
        JsonNode node;
        try {
            node = json.readTree(bytes);
        } catch (JacksonException e) {
            throw new MalformedEnvelopeException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new MalformedEnvelopeException("envelope must be a JSON object");
        }
        String typeName = text(node, "type");
        EventTypes.Registration registration = EventTypes.named(typeName)
                .orElseThrow(() -> new MalformedEnvelopeException("unknown event type '" + typeName + "'"));
        int version = node.path("version").asInt(0);
        if (version < 1 || version > registration.version()) {
            throw new MalformedEnvelopeException("unsupported version " + version + " of " + typeName
                    + " (this build reads 1.." + registration.version() + ")");
        }
        try {
            Event data = json.treeToValue(node.required("data"), registration.type());
            String causation = node.path("causationId").asString(null);
            return new Envelope(UUID.fromString(text(node, "id")), typeName, version, Tenant.of(text(node, "tenant")),
                    text(node, "subject"), Instant.parse(text(node, "time")),
                    causation == null ? null : UUID.fromString(causation), data);
        } catch (JacksonException | IllegalArgumentException | NullPointerException
                 | java.time.format.DateTimeParseException e) {
            throw new MalformedEnvelopeException("invalid " + typeName + ": " + rootMessage(e), e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString() || value.asString().isBlank()) {
            throw new MalformedEnvelopeException("missing or non-text field '" + field + "'");
        }
        return value.asString();
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}

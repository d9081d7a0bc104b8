package io.ccagent.gateway.pbx;

import io.ccagent.badinput.http.BadRequest;
import io.ccagent.badinput.http.Forbidden;
import io.ccagent.badinput.http.Unauthorized;
import io.ccagent.contracts.call.CallEvent;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.contracts.wire.EnvelopeCodec;
import io.ccagent.contracts.wire.MalformedEnvelopeException;
import io.ccagent.gateway.events.CallEventPublisher;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Call events pushed by PBXes that keep their own SIP (webhooks). The event is validated exactly like a Kafka record
 * (same codec), must belong to the tenant of the API key, and is published once per event id.
 */
@RestController
@Tag(name = "PBX call events", description = "Call facts from external PBXes, published on call.events")
class CallEventApi {

    private final ApiKeys apiKeys;
    private final ReceivedEvents received;
    private final CallEventPublisher publisher;
    private final EnvelopeCodec codec;
    private final JsonMapper json;
    private final Clock clock;

    CallEventApi(ApiKeys apiKeys, ReceivedEvents received, CallEventPublisher publisher, EnvelopeCodec codec,
                 JsonMapper json, Clock clock) {
        this.apiKeys = apiKeys;
        this.received = received;
        this.publisher = publisher;
        this.codec = codec;
        this.json = json;
        this.clock = clock;
    }

    record ApiKeyRequest(@NotBlank @Size(min = 16, max = 200) String apiKey) {
    }

    @Schema(description = "One call fact, in the envelope's type + data shape of the event catalog")
    record PbxCallEvent(
            @Schema(description = "The PBX's own id for this event; resending the same id changes nothing")
            @NotNull UUID id,
            @Schema(description = "Event type from the catalog, e.g. call.Arrived, call.Answered, call.Ended",
                    example = "call.Ended")
            @NotBlank String type,
            @Schema(description = "The event's fields as in the catalog; its tenant must be the API key's tenant")
            @NotNull JsonNode data) {
    }

    record Accepted(UUID id, String type, boolean duplicate) {
    }

    @PutMapping("/tenants/{tenant}/api-key")
    @Operation(summary = "Set the API key a tenant's PBX uses (replaces the previous key)")
    void putApiKey(@PathVariable String tenant, @Valid @RequestBody ApiKeyRequest request) {
        apiKeys.put(Tenant.of(tenant), request.apiKey());
    }

    @PostMapping("/api/v1/call-events")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Report a call event from an external PBX", responses = {
            @ApiResponse(responseCode = "202", description = "Stored durably, published soon (also for a repeated event id)"),
            @ApiResponse(responseCode = "400", description = "Unknown type or invalid fields"),
            @ApiResponse(responseCode = "401", description = "Missing or unknown API key"),
            @ApiResponse(responseCode = "403", description = "The event belongs to another tenant")})
    Accepted post(@Parameter(description = "The tenant's API key") @RequestHeader(value = "X-Api-Key", required = false)
                  String apiKey, @Valid @RequestBody PbxCallEvent request) {
        Tenant tenant = (apiKey == null || apiKey.isBlank() ? java.util.Optional.<Tenant>empty() : apiKeys.tenantOf(apiKey))
                .orElseThrow(() -> new Unauthorized("missing or unknown X-Api-Key"));
        if (!request.type().startsWith("call.")) {
            throw new BadRequest("only call.* events can be reported, not " + request.type());
        }
        if (!(decode(tenant, request).data() instanceof CallEvent event)) {
            throw new BadRequest(request.type() + " is not a call event");
        }
        if (!event.tenant().equals(tenant)) {
            throw new Forbidden("the event belongs to tenant " + event.tenant()
                    + ", the API key to " + tenant);
        }
        if (received.contains(tenant, request.id())) {
            return new Accepted(request.id(), request.type(), true);
        }
        // Stored in the outbox before the id is marked received: if storing fails the PBX gets an error, nothing is
        // marked, and its retry with the same id is published.
        publisher.publishDurably(request.id(), event);
        received.mark(tenant, request.id(), request.type());
        return new Accepted(request.id(), request.type(), false);
    }

    /** Checked exactly as a Kafka record would be; what the codec refuses is the PBX's bad request. */
    private Envelope decode(Tenant tenant, PbxCallEvent request) {
        try {
            return codec.decode(envelopeBytes(tenant, request));
        } catch (MalformedEnvelopeException e) {
            throw new BadRequest(e.getMessage());
        }
    }

    /** The envelope the codec validates: the PBX supplies id, type and data; we add version and time. */
    private byte[] envelopeBytes(Tenant tenant, PbxCallEvent request) {
        ObjectNode node = json.createObjectNode();
        node.put("id", request.id().toString());
        node.put("type", request.type());
        node.put("version", 1);
        // The event's own tenant, so that a mismatch with the key is reported as 403 rather than as bad input.
        JsonNode eventTenant = request.data().get("tenant");
        node.put("tenant", eventTenant != null && eventTenant.isString() ? eventTenant.asString() : tenant.domain());
        node.put("subject", "pbx");
        node.put("time", clock.instant().toString());
        node.set("data", request.data());
        return json.writeValueAsBytes(node);
    }
}

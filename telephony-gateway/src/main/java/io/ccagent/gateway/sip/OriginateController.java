package io.ccagent.gateway.sip;

import io.ccagent.badinput.http.Conflict;
import io.ccagent.badinput.http.Forbidden;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.gateway.config.GatewayProperties;
import io.ccagent.gateway.devices.DeviceCredential;
import io.ccagent.gateway.devices.DeviceDirectory;
import io.ccagent.gateway.devices.Registration;
import io.ccagent.gateway.queues.QueueDirectory;
import io.ccagent.identity.Actor;
import io.ccagent.identity.Role;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Click-to-call from the portal: ring the agent's chosen phone, then dial the number: an extension of the tenant (a
 * queue, or an agent with phones) through this gateway, anything else through the trunk.
 */
@RestController
class OriginateController {

    private final DeviceDirectory devices;
    private final QueueDirectory queues;
    private final ClickToCall clickToCall;
    private final GatewayProperties.Sip config;

    OriginateController(DeviceDirectory devices, QueueDirectory queues, ClickToCall clickToCall,
                        GatewayProperties properties) {
        this.devices = devices;
        this.queues = queues;
        this.clickToCall = clickToCall;
        this.config = properties.sip();
    }

    record OriginateRequest(@NotBlank String agent, @NotBlank String device,
                            @NotBlank @Pattern(regexp = "\\+?[0-9*#]{1,32}", message = "must be a dialable number")
                            String to, String toName) {
    }

    @PostMapping("/tenants/{tenant}/calls/originate")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, String> originate(@PathVariable String tenant, @Valid @RequestBody OriginateRequest request,
                                  Actor actor) {
        Tenant owner = Tenant.of(tenant);
        AgentId agent = request.agent().contains("@") ? AgentId.parse(request.agent()) : AgentId.of(request.agent(), owner);
        DeviceId device = request.device().contains("@") ? DeviceId.parse(request.device())
                : DeviceId.of(request.device(), owner);
        if (!agent.tenant().equals(owner) || !device.tenant().equals(owner)) {
            throw new IllegalArgumentException("agent and device must belong to tenant " + owner);
        }
        if (actor.role() == Role.AGENT && !agent.toString().equalsIgnoreCase(actor.login())) {
            throw new Forbidden(actor.login() + " may place calls only for itself");
        }
        DeviceCredential phone = devices.credential(device)
                .filter(credential -> credential.agent().equals(agent))
                .orElseThrow(() -> new Conflict(device + " is not a phone of " + agent));
        Registration registration = devices.registration(device)
                .orElseThrow(() -> new Conflict(device + " is not registered"));
        boolean internal = isExtension(owner, request.to());
        if (internal && request.to().equals(agent.extension())) {
            throw new Conflict(request.to() + " is your own extension");
        }
        if (!internal && !config.hasTrunk()) {
            throw new Conflict("no SIP trunk is configured for outside calls (extensions of " + owner
                    + " need none)");
        }
        CallId call = clickToCall.originate(phone, registration, request.to(), request.toName(), internal);
        return Map.of("call", call.value());
    }

    /** A queue or an agent with phones: what a phone of the tenant dialing {@code number} reaches without a trunk. */
    private boolean isExtension(Tenant tenant, String number) {
        try {
            return queues.isQueue(QueueId.of(number, tenant)) || devices.hasDevices(AgentId.of(number, tenant));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

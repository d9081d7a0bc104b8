package io.ccagent.gateway.devices;

import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.Tenant;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** SIP credentials of phones, and who is registered where. */
@RestController
class DeviceController {

    private final DeviceDirectory directory;

    DeviceController(DeviceDirectory directory) {
        this.directory = directory;
    }

    /** At least 8 characters: a digest HA1 of a short password is cracked offline in seconds. */
    record DeviceCredentialsRequest(@NotBlank String agent, @NotBlank @Size(min = 8, max = 128) String password) {
    }

    record DeviceView(String device, String agent, boolean registered, String contact, Instant expires) {
    }

    @PutMapping("/tenants/{tenant}/devices/{device}")
    DeviceView put(@PathVariable String tenant, @PathVariable String device,
                   @Valid @RequestBody DeviceCredentialsRequest request) {
        Tenant owner = Tenant.of(tenant);
        DeviceId deviceId = DeviceId.of(device, owner);
        AgentId agent = request.agent().contains("@") ? AgentId.parse(request.agent()) : AgentId.of(request.agent(), owner);
        if (!agent.tenant().equals(owner)) {
            throw new IllegalArgumentException("agent " + agent + " does not belong to tenant " + owner);
        }
        directory.putCredential(deviceId, agent, request.password());
        return view(new DeviceCredential(deviceId, agent, null));
    }

    @GetMapping("/tenants/{tenant}/devices")
    List<DeviceView> list(@PathVariable String tenant) {
        return directory.devicesOf(Tenant.of(tenant)).stream().map(this::view).toList();
    }

    private DeviceView view(DeviceCredential credential) {
        return directory.registration(credential.device())
                .map(registration -> new DeviceView(credential.device().toString(), credential.agent().toString(), true,
                        registration.contact(), registration.expires()))
                .orElseGet(() -> new DeviceView(credential.device().toString(), credential.agent().toString(), false,
                        null, null));
    }
}

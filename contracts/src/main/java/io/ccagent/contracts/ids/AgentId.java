package io.ccagent.contracts.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** An agent, written as its extension and tenant: {@code 1002@xyzcorporation.com}. */
public record AgentId(String extension, Tenant tenant) {

    public AgentId {
        new Address(extension, tenant);
    }

    @JsonCreator
    public static AgentId parse(String value) {
        Address address = Address.parse("agent id", value);
        return new AgentId(address.user(), address.tenant());
    }

    public static AgentId of(String extension, Tenant tenant) {
        return new AgentId(extension, tenant);
    }

    @JsonValue
    @Override
    public String toString() {
        return extension + "@" + tenant.domain();
    }
}

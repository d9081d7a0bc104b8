package io.ccagent.contracts.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** One phone (SIP user) of an agent, e.g. {@code 1002a@xyzcorporation.com}. */
public record DeviceId(String name, Tenant tenant) {

    public DeviceId {
        new Address(name, tenant);
    }

    @JsonCreator
    public static DeviceId parse(String value) {
        Address address = Address.parse("device id", value);
        return new DeviceId(address.user(), address.tenant());
    }

    public static DeviceId of(String name, Tenant tenant) {
        return new DeviceId(name, tenant);
    }

    @JsonValue
    @Override
    public String toString() {
        return name + "@" + tenant.domain();
    }
}

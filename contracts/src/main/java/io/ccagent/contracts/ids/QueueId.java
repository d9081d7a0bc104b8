package io.ccagent.contracts.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A call queue, written as its extension and tenant: {@code 8001@xyzcorporation.com}. */
public record QueueId(String extension, Tenant tenant) {

    public QueueId {
        new Address(extension, tenant);
    }

    @JsonCreator
    public static QueueId parse(String value) {
        Address address = Address.parse("queue id", value);
        return new QueueId(address.user(), address.tenant());
    }

    public static QueueId of(String extension, Tenant tenant) {
        return new QueueId(extension, tenant);
    }

    @JsonValue
    @Override
    public String toString() {
        return extension + "@" + tenant.domain();
    }
}

package io.ccagent.contracts;

import io.ccagent.contracts.ids.Tenant;

/**
 * Something that happened (or, for routing, something to do) in one tenant. Each stream has its
 * own sealed interface; {@link io.ccagent.contracts.wire.EventTypes} maps them to wire names.
 */
public interface Event {

    /** The tenant that owns the fact; used as the Kafka record key on every topic. */
    Tenant tenant();

    /** The id of the thing the fact is about (agent, queue, call or device). */
    String subject();
}

package io.ccagent.agent.agents;

/**
 * Stored (never published) when a command caused by a Kafka record changed nothing, so the agent still remembers that
 * record's envelope id and a redelivery of it stays without effect even after later changes.
 */
record InputHandled(String input) {
}

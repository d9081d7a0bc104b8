/**
 * Every consumer's entrance from Kafka: skips unhandled types by their {@code ce_type} header, decodes the rest and
 * dead-letters what does not decode.
 */
package io.ccagent.agent.inbox;

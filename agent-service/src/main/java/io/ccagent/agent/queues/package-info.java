/**
 * What agent-service learns from {@code queue.events}: each queue's wrap-up time ({@code queue_settings}) and which
 * of an agent's phones are members of which queue (commands to the agent).
 */
package io.ccagent.agent.queues;

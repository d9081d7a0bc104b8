package io.ccagent.contracts.queue;

import io.ccagent.contracts.Event;

/**
 * What the router tells everyone else, on {@code queue.facts}: availability per agent and the callers waiting. A topic
 * of its own, so the router never reads its own facts and readers of queue configuration never see them.
 */
public sealed interface RouterFact extends Event permits AgentAvailabilityChanged, CallerWaiting, CallerLeft {
}

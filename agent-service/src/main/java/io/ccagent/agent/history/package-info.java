/**
 * The {@code agent_history} read model: every change of every agent with when, what, where from and who, as
 * readable sentences for the portal.
 */
package io.ccagent.agent.history;

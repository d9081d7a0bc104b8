/**
 * The Agent aggregate (event-sourced, Axon): status, per-queue login, active phones, on-call, wrap-up and
 * Single-Call, its commands and rule violations; and the two ways to read an agent: from its own stream
 * ({@code AgentViews}) and the {@code agent_list} read model ({@code AgentList}). Owns the rules of section 4.
 */
package io.ccagent.agent.agents;

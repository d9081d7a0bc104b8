/**
 * The agent status projection ({@code agent.events} → one row per agent) and its query endpoint.
 */
package io.ccagent.queue.agentstatus;

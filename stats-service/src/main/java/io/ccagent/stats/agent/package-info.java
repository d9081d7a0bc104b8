/**
 * The agent queries: My Graphs, My Statistics and recent calls, read from the agent's hour rows.
 */
package io.ccagent.stats.agent;

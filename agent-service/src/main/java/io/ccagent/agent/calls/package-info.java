/**
 * What {@code call.events} mean for agents: answered, ended, abandoned, missed offers and star codes become agent
 * commands; owns the {@code calls} registry that matches a call's end to the agent who answered it.
 */
package io.ccagent.agent.calls;

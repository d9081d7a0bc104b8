package io.ccagent.agent.agent;

import org.axonframework.common.AxonNonTransientException;

/**
 * A command that breaks one of the agent's rules. Non-transient, so the command gateway does not retry it;
 * the HTTP layer turns each kind into a 4xx with this message.
 */
public abstract class AgentRuleViolation extends AxonNonTransientException {

    AgentRuleViolation(String message) {
        super(message);
    }

    /** A portal command for an agent known only from queue membership, not provisioned yet. */
    public static final class NotProvisioned extends AgentRuleViolation {
        NotProvisioned(String message) {
            super(message);
        }
    }

    /** Login or logout of a queue the agent has no device in. */
    public static final class NotAQueueMember extends AgentRuleViolation {
        NotAQueueMember(String message) {
            super(message);
        }
    }

    /** A device that is not one of the agent's phones. */
    public static final class NotTheAgentsDevice extends AgentRuleViolation {
        NotTheAgentsDevice(String message) {
            super(message);
        }
    }
}

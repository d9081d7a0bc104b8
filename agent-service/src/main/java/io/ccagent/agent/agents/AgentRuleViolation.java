package io.ccagent.agent.agents;

import io.ccagent.badinput.http.Refusal;
import org.springframework.http.HttpStatus;

/**
 * A command that breaks one of the agent's rules, carrying the status a request that asked for it is refused with.
 * The command gateway never retries one (see {@code AgentServiceConfiguration}).
 */
public abstract class AgentRuleViolation extends Refusal {

    AgentRuleViolation(HttpStatus status, String message) {
        super(status, message);
    }

    /** A portal command for an agent known only from queue membership, not provisioned yet. */
    public static final class NotProvisioned extends AgentRuleViolation {
        NotProvisioned(String message) {
            super(HttpStatus.NOT_FOUND, message);
        }
    }

    /** Login or logout of a queue the agent has no device in. */
    public static final class NotAQueueMember extends AgentRuleViolation {
        NotAQueueMember(String message) {
            super(HttpStatus.CONFLICT, message);
        }
    }

    /** A device that is not one of the agent's phones. */
    public static final class NotTheAgentsDevice extends AgentRuleViolation {
        NotTheAgentsDevice(String message) {
            super(HttpStatus.NOT_FOUND, message);
        }
    }
}

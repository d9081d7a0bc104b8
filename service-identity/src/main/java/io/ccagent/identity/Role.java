package io.ccagent.identity;

/** What a caller may do, carried in the token's {@code role} claim. */
public enum Role {
    /** A call-center agent acting for themselves. */
    AGENT,
    /** A call-center supervisor of the tenant: edits queues. */
    SUPERVISOR,
    /** An office manager of the tenant: edits queues, provisions phones and agents. */
    OFFICE_MANAGER,
    /** Provisioning tools and operators (the demo seeder, the harness): everything of the tenant. */
    SYSTEM;

    /** Whether this role may change queue settings and members. */
    public boolean editsQueues() {
        return this != AGENT;
    }
}

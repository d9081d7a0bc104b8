package io.ccagent.portal.account;

/** The user scopes of the spec: what a signed-in person may do in the portal. */
public enum Scope {
    AGENT("Call Center Agent"),
    SUPERVISOR("Call Center Supervisor"),
    OFFICE_MANAGER("Office Manager");

    private final String label;

    Scope(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Supervisors and office managers edit queues and watch the wallboard. */
    public boolean managesQueues() {
        return this != AGENT;
    }

    /** Only office managers create and delete queues; supervisors edit the ones there are. */
    public boolean createsQueues() {
        return this == OFFICE_MANAGER;
    }

    public String authority() {
        return "ROLE_" + name();
    }
}

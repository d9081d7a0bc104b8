package io.ccagent.contracts.agent;

/** Where a change to an agent came from, kept so history can answer "why was I red at 10:32?". */
public enum ChangeSource {
    PORTAL("Portal", "in the portal"),
    STAR_CODE("Star code", "by star code on a phone"),
    SUPERVISOR("Supervisor", "by a supervisor"),
    SYSTEM("System", "by the system");

    private final String label;
    private final String howChanged;

    ChangeSource(String label, String howChanged) {
        this.label = label;
        this.howChanged = howChanged;
    }

    /** A column's word: "Star code". */
    public String label() {
        return label;
    }

    /** The end of "Changed ...": "by star code on a phone". */
    public String howChanged() {
        return howChanged;
    }
}

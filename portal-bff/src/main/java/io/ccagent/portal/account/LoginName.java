package io.ccagent.portal.account;

import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.Tenant;

import java.util.Optional;

/** Parses what a person types as login ({@code 1002@XYZCorporation.com}) into the canonical agent id. */
public final class LoginName {

    private LoginName() {
    }

    /** Empty when the text is not {@code extension@domain}; the domain part is case-insensitive. */
    public static Optional<AgentId> parse(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String trimmed = typed.trim();
        int at = trimmed.lastIndexOf('@');
        if (at <= 0 || at == trimmed.length() - 1) {
            return Optional.empty();
        }
        try {
            return Optional.of(AgentId.of(trimmed.substring(0, at), Tenant.of(trimmed.substring(at + 1))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

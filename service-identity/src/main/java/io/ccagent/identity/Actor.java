package io.ccagent.identity;

import java.util.Locale;
import java.util.Objects;

/**
 * Who calls a service, as the verified token says: the tenant domain, the login ({@code 1100@xyzcorporation.com},
 * or a tool's name such as {@code demo-seeder}) and the role.
 */
public record Actor(String tenant, String login, Role role) {

    public Actor {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(role, "role");
        tenant = tenant.trim().toLowerCase(Locale.ROOT);
    }

    /** Whether this actor belongs to the tenant with this domain (case-insensitive). */
    public boolean belongsTo(String domain) {
        return domain != null && tenant.equalsIgnoreCase(domain.trim());
    }

    /** The extension of a person's login ({@code 1002} of {@code 1002@xyzcorporation.com}); the login itself else. */
    public String extension() {
        int at = login.indexOf('@');
        return at < 0 ? login : login.substring(0, at);
    }
}

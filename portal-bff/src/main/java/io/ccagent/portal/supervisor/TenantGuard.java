package io.ccagent.portal.supervisor;

import io.ccagent.badinput.http.Forbidden;
import io.ccagent.badinput.http.NotFound;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.portal.account.PortalUser;

/** A supervisor manages their own tenant only; the role itself is checked by the security filter chain. */
final class TenantGuard {

    private TenantGuard() {
    }

    static Tenant ownTenant(PortalUser user, String tenantInPath) {
        Tenant asked;
        try {
            asked = Tenant.of(tenantInPath);
        } catch (IllegalArgumentException e) {
            throw new NotFound("No such tenant.");
        }
        if (!asked.equals(user.tenant()) || !user.managesQueues()) {
            throw new Forbidden("You may not manage tenant " + asked + ".");
        }
        return asked;
    }
}

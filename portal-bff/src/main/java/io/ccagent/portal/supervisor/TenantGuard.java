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

    /** Creating and deleting queues is the office manager's; supervisors edit the queues there are. */
    static Tenant ownTenantToCreateOrDeleteQueues(PortalUser user, String tenantInPath) {
        Tenant own = ownTenant(user, tenantInPath);
        if (!user.createsQueues()) {
            throw new Forbidden("Only an office manager may create or delete queues.");
        }
        return own;
    }
}

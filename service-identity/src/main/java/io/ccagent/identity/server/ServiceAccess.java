package io.ccagent.identity.server;

import io.ccagent.identity.Role;
import org.springframework.http.HttpMethod;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A service's own access rules on top of the common ones (a valid token everywhere but health and metrics, the
 * path's {@code {tenant}} is the token's tenant, an agent only reaches {@code /agents/{ext}} paths of themselves).
 * A service declares one bean of this type; without one only the common rules apply.
 */
public final class ServiceAccess {

    record RoleRule(HttpMethod method, String pattern, Set<Role> roles) {
    }

    private final List<RoleRule> roleRules = new ArrayList<>();
    private final List<String> withoutToken = new ArrayList<>();

    public static ServiceAccess rules() {
        return new ServiceAccess();
    }

    /** Requests of this method and path pattern are for these roles only (403 for others). */
    public ServiceAccess only(HttpMethod method, String pattern, Role first, Role... more) {
        roleRules.add(new RoleRule(method, pattern, EnumSet.of(first, more)));
        return this;
    }

    /** Requests to this path pattern need no token: they carry their own credentials (e.g. a PBX's API key). */
    public ServiceAccess withoutToken(String pattern) {
        withoutToken.add(pattern);
        return this;
    }

    List<RoleRule> roleRules() {
        return List.copyOf(roleRules);
    }

    List<String> withoutToken() {
        return List.copyOf(withoutToken);
    }
}

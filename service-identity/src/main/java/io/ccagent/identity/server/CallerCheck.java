package io.ccagent.identity.server;

import io.ccagent.identity.Actor;
import io.ccagent.identity.Role;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

import java.util.Set;
import java.util.function.Supplier;

/**
 * Decides one request from the verified actor and the path's variables: the path's {@code {tenant}} must be the
 * actor's, an agent reaches only its own {@code {ext}} under {@code /agents/}, and the role must be one of
 * {@code roles}. A refusal carries the reason the problem detail shows.
 */
final class CallerCheck implements AuthorizationManager<RequestAuthorizationContext> {

    /** Why a request was refused, for the 403 problem detail. */
    static final class Refusal extends AuthorizationDecision {

        private final String reason;

        Refusal(String reason) {
            super(false);
            this.reason = reason;
        }

        String reason() {
            return reason;
        }
    }

    private static final AuthorizationDecision GRANTED = new AuthorizationDecision(true);

    private final Set<Role> roles;
    private final boolean agentPath;

    private CallerCheck(Set<Role> roles, boolean agentPath) {
        this.roles = roles;
        this.agentPath = agentPath;
    }

    /** Any role of the path's tenant. */
    static CallerCheck ownTenant() {
        return new CallerCheck(Set.of(Role.values()), false);
    }

    /** Any role of the path's tenant; an agent only for its own {@code {ext}}. */
    static CallerCheck ownAgentPath() {
        return new CallerCheck(Set.of(Role.values()), true);
    }

    /** The path's tenant and one of these roles (an agent, if allowed, only for its own {@code {ext}}). */
    static CallerCheck roles(Set<Role> roles, boolean agentPath) {
        return new CallerCheck(roles, agentPath);
    }

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
                                         RequestAuthorizationContext context) {
        Actor actor = ActorAuthentication.actorOf(authentication.get());
        if (actor == null) {
            return new Refusal("no verified caller");
        }
        String tenant = context.getVariables().get("tenant");
        if (tenant != null && !actor.belongsTo(tenant)) {
            return new Refusal(actor.login() + " of tenant " + actor.tenant() + " may not act in tenant " + tenant);
        }
        if (!roles.contains(actor.role())) {
            return new Refusal("role " + actor.role() + " may not " + context.getRequest().getMethod() + " "
                    + context.getRequest().getRequestURI() + " (allowed: " + roles + ")");
        }
        String ext = context.getVariables().get("ext");
        if (agentPath && actor.role() == Role.AGENT && ext != null && !ext.equalsIgnoreCase(actor.extension())) {
            return new Refusal("agent " + actor.login() + " may act only for itself, not for " + ext);
        }
        return GRANTED;
    }
}

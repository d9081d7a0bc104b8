package io.ccagent.portal.account;

import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.Tenant;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import java.io.Serializable;
import java.util.Collection;
import java.util.List;

/** The signed-in person, kept in the session. Never carries the password hash beyond authentication. */
public record PortalUser(String login, String name, String email, Scope scope, String passwordHash)
        implements UserDetails, Serializable {

    public AgentId agentId() {
        return AgentId.parse(login);
    }

    public Tenant tenant() {
        return agentId().tenant();
    }

    public String extension() {
        return agentId().extension();
    }

    public boolean managesQueues() {
        return scope.managesQueues();
    }

    public boolean createsQueues() {
        return scope.createsQueues();
    }

    public PortalUser withoutPassword() {
        return new PortalUser(login, name, email, scope, null);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority(scope.authority()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return login;
    }
}

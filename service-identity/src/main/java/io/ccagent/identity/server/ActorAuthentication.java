package io.ccagent.identity.server;

import io.ccagent.identity.Actor;
import io.ccagent.identity.Role;
import io.ccagent.identity.ServiceTokens;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.List;

/** Turns a verified token into an authentication whose details are the {@link Actor}. */
final class ActorAuthentication implements Converter<Jwt, AbstractAuthenticationToken> {

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Actor actor = new Actor(jwt.getClaimAsString(ServiceTokens.TENANT_CLAIM), jwt.getSubject(),
                Role.valueOf(jwt.getClaimAsString(ServiceTokens.ROLE_CLAIM)));
        JwtAuthenticationToken token = new JwtAuthenticationToken(jwt,
                List.of(new SimpleGrantedAuthority("ROLE_" + actor.role().name())), actor.login());
        token.setDetails(actor);
        return token;
    }

    static Actor actorOf(Authentication authentication) {
        return authentication != null && authentication.isAuthenticated()
                && authentication.getDetails() instanceof Actor actor ? actor : null;
    }
}

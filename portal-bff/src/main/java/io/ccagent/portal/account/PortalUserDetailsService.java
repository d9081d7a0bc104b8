package io.ccagent.portal.account;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/** Looks up a login as typed, after canonicalising it (domain case-insensitive). */
@Component
class PortalUserDetailsService implements UserDetailsService {

    private final UserStore users;

    PortalUserDetailsService(UserStore users) {
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String typed) {
        return LoginName.parse(typed)
                .flatMap(agent -> users.find(agent.toString()))
                .orElseThrow(() -> new UsernameNotFoundException("unknown login"));
    }
}

package io.ccagent.portal.account;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Password sign-in against the user store; the session keeps the user without the password hash. */
@Configuration(proxyBeanMethods = false)
class AccountConfiguration {

    @Bean
    DaoAuthenticationProvider portalAuthentication(PortalUserDetailsService users, PasswordEncoder passwords) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users) {
            @Override
            protected Authentication createSuccessAuthentication(Object principal, Authentication authentication,
                                                                 UserDetails user) {
                return super.createSuccessAuthentication(((PortalUser) principal).withoutPassword(), authentication,
                        user);
            }
        };
        provider.setPasswordEncoder(passwords);
        return provider;
    }
}

package io.ccagent.portal.reset;

import io.ccagent.portal.PortalSettings;
import io.ccagent.portal.account.LoginName;
import io.ccagent.portal.account.PortalUser;
import io.ccagent.portal.account.UserStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.ccagent.portal.security.AttemptLimiter;
import io.ccagent.portal.session.UserSessions;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.web.util.UriComponentsBuilder;

import java.time.Clock;
import java.time.Duration;

/**
 * Forgot-password flow. {@link #requestLink} does the same visible thing whether or not the login exists: the
 * lookup, token and mail happen off the request thread, so neither the answer nor its timing tells them apart.
 */
@Service
class PasswordReset {

    private static final Logger log = LoggerFactory.getLogger(PasswordReset.class);

    private final UserStore users;
    private final ResetTokens tokens;
    private final JavaMailSender mail;
    private final PasswordEncoder passwords;
    private final TaskExecutor background;
    private final Duration lifetime;
    private final String publicUrl;
    private final String from;
    private final AttemptLimiter mailsPerLogin;
    private final UserSessions sessions;

    PasswordReset(UserStore users, UserSessions sessions, ResetTokens tokens, JavaMailSender mail, PasswordEncoder passwords,
                  @Qualifier("applicationTaskExecutor") TaskExecutor background, Clock clock,
                  PortalSettings settings) {
        this.users = users;
        this.sessions = sessions;
        this.tokens = tokens;
        this.mail = mail;
        this.passwords = passwords;
        this.background = background;
        this.lifetime = settings.reset().lifetime();
        this.publicUrl = settings.publicUrl();
        this.from = settings.mail().from();
        this.mailsPerLogin = new AttemptLimiter(settings.reset().maxMailsPerLogin(), lifetime, clock);
    }

    void requestLink(String typedLogin) {
        background.execute(() -> LoginName.parse(typedLogin)
                .flatMap(agent -> users.find(agent.toString()))
                .filter(user -> user.email() != null && !user.email().isBlank())
                .filter(user -> mailsPerLogin.tryAcquire(user.login()))
                .ifPresent(this::sendLink));
    }

    ResetTokens.State state(String token) {
        return tokens.state(token);
    }

    /** Sets the new password if the token is valid; false when it is unknown, used or expired. */
    boolean reset(String token, String newPassword) {
        return tokens.redeem(token).map(login -> {
            users.changePasswordHash(login, passwords.encode(newPassword));
            sessions.endAll(login);
            log.info("password reset for {}; its sessions ended", login);
            return true;
        }).orElse(false);
    }

    private void sendLink(PortalUser user) {
        String link = UriComponentsBuilder.fromUriString(publicUrl).path("/reset-password")
                .queryParam("token", tokens.issue(user.login(), lifetime)).build().toUriString();
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(user.email());
        message.setSubject("Reset your Call Center portal password");
        message.setText("Hello " + user.name() + ",\n\n"
                + "Someone asked to reset the password of " + user.login() + ".\n"
                + "Open this link within " + lifetime.toMinutes() + " minutes to choose a new one:\n\n"
                + link + "\n\n"
                + "The link works once. If you did not ask for this, ignore this mail.\n");
        try {
            mail.send(message);
        } catch (MailException e) {
            log.warn("could not send the reset mail for {}: {}", user.login(), e.getMessage());
        }
    }
}

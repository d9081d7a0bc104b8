package io.ccagent.portal.account;

import io.ccagent.badinput.http.BadRequest;
import io.ccagent.badinput.http.Unauthorized;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.portal.PortalSettings;
import io.ccagent.portal.session.UserSessions;
import io.ccagent.portal.problems.PlainText;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Creates or updates portal accounts; called by the seeder, guarded by a shared provisioning token. */
@RestController
@Tag(name = "Provisioning")
class ProvisioningController {

    private final UserStore users;
    private final PasswordEncoder passwords;
    private final UserSessions sessions;
    private final byte[] provisioningToken;

    ProvisioningController(UserStore users, PasswordEncoder passwords, UserSessions sessions,
                           PortalSettings settings) {
        this.users = users;
        this.passwords = passwords;
        this.sessions = sessions;
        this.provisioningToken = settings.provisioningToken().getBytes(StandardCharsets.UTF_8);
    }

    record UserRequest(@NotBlank @Size(max = 100) @PlainText String name, @NotBlank @Email String email,
                       @NotBlank @Size(min = 8, max = 200) String password, @NotNull Scope scope) {
    }

    record UserView(String login, String name, String email, Scope scope) {
    }

    @Operation(summary = "Create or update a portal account (idempotent)")
    @PutMapping("/internal/tenants/{tenant}/users/{ext}")
    UserView provision(@PathVariable String tenant, @PathVariable String ext,
                       @RequestHeader(name = "X-Provisioning-Token", required = false) String token,
                       @Valid @RequestBody UserRequest request) {
        if (token == null || !MessageDigest.isEqual(provisioningToken, token.getBytes(StandardCharsets.UTF_8))) {
            throw new Unauthorized("missing or wrong X-Provisioning-Token");
        }
        String login = canonicalLogin(tenant, ext);
        PortalUser existing = users.find(login).orElse(null);
        boolean samePassword = existing != null && passwords.matches(request.password(), existing.passwordHash());
        PortalUser wanted = new PortalUser(login, request.name(), request.email(), request.scope(),
                samePassword ? existing.passwordHash() : passwords.encode(request.password()));
        if (!wanted.equals(existing)) {
            users.save(wanted);
        }
        if (existing != null && (!samePassword || existing.scope() != wanted.scope())) {
            // a new role or password must not stay usable through sessions signed in with the old one
            sessions.endAll(login);
        }
        return new UserView(login, wanted.name(), wanted.email(), wanted.scope());
    }

    private static String canonicalLogin(String tenant, String ext) {
        try {
            return AgentId.of(ext, Tenant.of(tenant)).toString();
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
    }
}

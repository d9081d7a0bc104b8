package io.ccagent.portal.reset;

import io.ccagent.portal.PortalSettings;
import io.ccagent.portal.security.AttemptLimiter;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Clock;

/** The forgot-password and choose-a-new-password pages. */
@Controller
class PasswordResetController {

    private static final int MIN_PASSWORD_LENGTH = 8;

    private final PasswordReset reset;
    private final AttemptLimiter requestsPerAddress;

    PasswordResetController(PasswordReset reset, Clock clock, PortalSettings settings) {
        this.reset = reset;
        this.requestsPerAddress = new AttemptLimiter(settings.reset().maxRequests(), settings.reset().requestWindow(),
                clock);
    }

    @GetMapping("/forgot-password")
    String forgotForm() {
        return "forgot-password";
    }

    @PostMapping("/forgot-password")
    String requestLink(@RequestParam(defaultValue = "") String login, HttpServletRequest request, Model model) {
        if (!requestsPerAddress.tryAcquire(request.getRemoteAddr())) {
            model.addAttribute("throttled", true);
            return "forgot-password";
        }
        reset.requestLink(login);
        model.addAttribute("sent", true);
        return "forgot-password";
    }

    @GetMapping("/reset-password")
    String resetForm(@RequestParam(defaultValue = "") String token, Model model) {
        model.addAttribute("token", token);
        model.addAttribute("link", reset.state(token).name());
        return "reset-password";
    }

    @PostMapping("/reset-password")
    String resetPassword(@RequestParam(defaultValue = "") String token, @RequestParam String password,
                         @RequestParam String confirm, Model model) {
        model.addAttribute("token", token);
        if (password.length() < MIN_PASSWORD_LENGTH || !password.equals(confirm)) {
            model.addAttribute("link", reset.state(token).name());
            model.addAttribute("error", "Use at least " + MIN_PASSWORD_LENGTH
                    + " characters and type the same password twice.");
            return "reset-password";
        }
        if (!reset.reset(token, password)) {
            model.addAttribute("link", reset.state(token).name());
            return "reset-password";
        }
        return "redirect:/login?reset";
    }
}

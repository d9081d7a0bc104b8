package io.ccagent.portal.web;

import io.ccagent.portal.PortalSettings;
import io.ccagent.portal.account.PortalUser;
import io.ccagent.portal.session.SessionMark;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every HTML page can show, for the page controllers here and the password-reset pages: who is signed in, the
 * fingerprint of the session the page belongs to (see {@link SessionMark}), and the demo mailbox link when the
 * local runtime has one.
 */
@ControllerAdvice(basePackages = {"io.ccagent.portal.web", "io.ccagent.portal.reset"})
class PageModel {

    private final String demoMailboxUrl;

    PageModel(PortalSettings settings) {
        this.demoMailboxUrl = settings.demoMailboxUrl();
    }

    @ModelAttribute
    void common(@AuthenticationPrincipal PortalUser user, HttpServletRequest request, Model model) {
        model.addAttribute("user", user);
        HttpSession session = request.getSession(false);
        model.addAttribute("sessionMark", user == null || session == null ? null : SessionMark.of(session.getId()));
        model.addAttribute("demoMailboxUrl", demoMailboxUrl.isBlank() ? null : demoMailboxUrl);
    }
}

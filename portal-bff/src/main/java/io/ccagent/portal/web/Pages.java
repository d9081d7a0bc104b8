package io.ccagent.portal.web;

import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.contracts.queue.QueueType;
import io.ccagent.contracts.queue.UnansweredAction;
import io.ccagent.portal.account.PortalUser;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;

import java.util.Arrays;

/** The HTML pages. They are shells: data comes from the JSON API and live updates from {@code /api/live}. */
@Controller
class Pages {

    private final String demoMailboxUrl;

    Pages(@Value("${portal.demo-mailbox-url}") String demoMailboxUrl) {
        this.demoMailboxUrl = demoMailboxUrl;
    }

    @ModelAttribute
    void common(@AuthenticationPrincipal PortalUser user, Model model) {
        model.addAttribute("user", user);
        model.addAttribute("demoMailboxUrl", demoMailboxUrl.isBlank() ? null : demoMailboxUrl);
    }

    @GetMapping("/")
    String home(@AuthenticationPrincipal PortalUser user) {
        return user.managesQueues() ? "redirect:/supervisor/wallboard" : "redirect:/call-center";
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/call-center")
    String callCenter(Model model) {
        model.addAttribute("statuses", AgentStatus.values());
        model.addAttribute("page", "call-center");
        return "call-center";
    }

    @GetMapping("/supervisor/wallboard")
    String wallboard(Model model) {
        model.addAttribute("page", "wallboard");
        return "wallboard";
    }

    @GetMapping("/supervisor/queues")
    String queues(Model model) {
        model.addAttribute("page", "queues");
        return "queues";
    }

    @GetMapping("/supervisor/queues/{queue}")
    String queue(@PathVariable String queue, Model model) {
        model.addAttribute("page", "queues");
        model.addAttribute("queueExtension", queue.replaceAll("[^A-Za-z0-9._+-]", ""));
        model.addAttribute("queueTypes", QueueType.values());
        model.addAttribute("unansweredActions", Arrays.asList(UnansweredAction.values()));
        return "queue-edit";
    }

    /** Call Park: the parked callers of the agent's call park queues, to pick up on one of their phones. */
    @GetMapping("/call-center/park")
    String callPark(Model model) {
        model.addAttribute("page", "call-park");
        return "call-park";
    }
}

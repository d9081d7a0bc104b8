package io.ccagent.portal.web;

import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.contracts.queue.QueueType;
import io.ccagent.contracts.queue.UnansweredAction;
import io.ccagent.portal.account.PortalUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import java.util.Arrays;

/**
 * The HTML pages. They are shells: data comes from the JSON API and live updates from {@code /api/live}; what every
 * page shows (who is signed in) comes from {@link PageModel}.
 */
@Controller
class Pages {

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

    /** The agent's own state history; the same page shows a supervisor one of their agents. */
    @GetMapping("/call-center/history")
    String history(@AuthenticationPrincipal PortalUser user, Model model) {
        model.addAttribute("page", "call-center");
        model.addAttribute("historyUrl", "/api/me/history");
        model.addAttribute("historyOf", user.login());
        return "history";
    }

    @GetMapping("/supervisor/agents/{ext}/history")
    String agentHistory(@AuthenticationPrincipal PortalUser user, @PathVariable String ext, Model model) {
        String extension = ext.replaceAll("[^A-Za-z0-9._+-]", "");
        model.addAttribute("page", "agents");
        model.addAttribute("historyUrl", "/api/tenants/" + user.tenant().domain() + "/agents/" + extension + "/history");
        model.addAttribute("historyOf", extension + "@" + user.tenant().domain());
        return "history";
    }

    @GetMapping("/supervisor/agents")
    String agents(Model model) {
        model.addAttribute("page", "agents");
        model.addAttribute("statuses", AgentStatus.values());
        return "agents";
    }

    @GetMapping("/supervisor/wallboard")
    String wallboard(Model model) {
        model.addAttribute("page", "wallboard");
        return "wallboard";
    }

    /** The list; office managers also get the form that creates a queue (the settings fields of the editor). */
    @GetMapping("/supervisor/queues")
    String queues(Model model) {
        model.addAttribute("page", "queues");
        settingsChoices(model);
        return "queues";
    }

    @GetMapping("/supervisor/queues/{queue}")
    String queue(@PathVariable String queue, Model model) {
        model.addAttribute("page", "queues");
        model.addAttribute("queueExtension", queue.replaceAll("[^A-Za-z0-9._+-]", ""));
        settingsChoices(model);
        return "queue-edit";
    }

    /** What templates/queue-settings.html offers to pick from. */
    private static void settingsChoices(Model model) {
        model.addAttribute("queueTypes", QueueType.values());
        model.addAttribute("unansweredActions", Arrays.asList(UnansweredAction.values()));
    }

    /** Call Park: the parked callers of the agent's call park queues, to pick up on one of their phones. */
    @GetMapping("/call-center/park")
    String callPark(Model model) {
        model.addAttribute("page", "call-park");
        return "call-park";
    }
}

package io.ccagent.portal.live;

import io.ccagent.portal.account.PortalUser;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpSession;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The browser's live stream: Server-Sent Events named {@code cca}, each an event envelope (or its bare form). */
@RestController
@Tag(name = "Live")
class LiveController {

    private final LiveHub hub;

    LiveController(LiveHub hub) {
        this.hub = hub;
    }

    @Operation(summary = "Server-Sent Events of the signed-in user's tenant, filtered to what the user may see")
    @GetMapping(path = "/api/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter live(@AuthenticationPrincipal PortalUser user, HttpSession session) {
        return hub.subscribe(user, session.getId());
    }
}

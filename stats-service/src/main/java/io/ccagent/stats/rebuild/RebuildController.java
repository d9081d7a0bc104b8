package io.ccagent.stats.rebuild;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class RebuildController {

    private final Rebuilder rebuilder;

    RebuildController(Rebuilder rebuilder) {
        this.rebuilder = rebuilder;
    }

    @PostMapping("/admin/rebuild")
    @ResponseStatus(HttpStatus.ACCEPTED)
    RebuildStatus start() {
        return rebuilder.start();
    }

    @GetMapping("/admin/rebuild")
    RebuildStatus status() {
        return rebuilder.status();
    }
}

package io.ccagent.gateway.simulator;

import io.ccagent.badinput.http.Forbidden;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.identity.Actor;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Clock;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Starts a run of simulated traffic (events only) for one tenant, e.g. for demos and benchmarks. */
@RestController
class SimulatorController {

    private final TrafficSimulator simulator;
    private final Clock clock;

    SimulatorController(TrafficSimulator simulator, Clock clock) {
        this.simulator = simulator;
        this.clock = clock;
    }

    record RunRequest(@NotBlank String tenant, @Min(1) @Max(60_000) int callsPerMinute,
                      @Min(1) @Max(86_400) int durationSeconds) {
    }

    @PostMapping("/simulator/runs")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, String> start(@Valid @RequestBody RunRequest request, Actor actor) {
        if (!actor.belongsTo(request.tenant())) {
            throw new Forbidden(actor.login() + " of tenant " + actor.tenant()
                    + " may not simulate calls for " + request.tenant());
        }
        TrafficSimulator.Run run = simulator.start(Tenant.of(request.tenant()), request.callsPerMinute(),
                clock.instant().plusSeconds(request.durationSeconds()));
        return Map.of("run", run.id);
    }
}

package io.ccagent.harness.traffic;

import io.ccagent.contracts.call.DeviceRegistered;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.harness.report.Report;
import io.ccagent.harness.system.HarnessSystem;
import io.ccagent.harness.system.Http;
import io.ccagent.local.DemoTenant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drives calls and agent actions for a while (optionally with faults spread over the run), then lets every call end,
 * waits for the system to settle, and compares it with the ground truth.
 */
public final class TrafficRun {

    /** Short wrap-ups keep five agents busy enough at demo rates; the queues' other settings stay as seeded. */
    static final int WRAP_UP_SECONDS = 3;
    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HarnessSystem system;
    private final Report report;
    private final Duration duration;
    private final int callsPerMinute;
    private final long seed;
    private final DemoTenant demo;

    public TrafficRun(HarnessSystem system, Report report, Duration duration, int callsPerMinute, long seed) {
        this.system = system;
        this.report = report;
        this.duration = duration;
        this.callsPerMinute = callsPerMinute;
        this.seed = seed;
        this.demo = system.tenant();
    }

    /** Runs the traffic with the faults spread evenly over it; returns the number of differences found. */
    public int run(List<Fault> faults) {
        report.section("Traffic with ground truth" + (faults.isEmpty() ? "" : " and faults"));
        String runId = "h" + Instant.now().getEpochSecond();
        GroundTruth truth = new GroundTruth();
        try (CallEventSink sink = new CallEventSink(system.service("telephony-gateway"), demo.apiKey(), system.kafka(),
                report, Clock.systemUTC()); RoutingWatch routing = new RoutingWatch(system.kafka())) {
            AgentActions actions = new AgentActions(system, truth, sink, report);
            shortenWrapUps();
            registerPhones(sink);
            actions.everyoneReady();
            report.line("setup: every agent online and logged in after %d ms (as seen in queue-service availability)",
                    awaitEveryoneAvailable().toMillis());
            Comparison comparison = new Comparison(system, runId);
            Instant from = Instant.now().minusSeconds(1);
            Pbx pbx = new Pbx(demo, sink, routing, truth, runId, seed);
            AtomicInteger placed = new AtomicInteger();
            ExecutorService calls = Executors.newCachedThreadPool();
            ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
            long periodMillis = Math.max(10, 60_000L / callsPerMinute);
            clock.scheduleAtFixedRate(() -> {
                int n = placed.incrementAndGet();
                calls.submit(() -> pbx.play(n));
            }, 0, periodMillis, TimeUnit.MILLISECONDS);
            AtomicBoolean acting = new AtomicBoolean(true);
            Thread agentThread = new Thread(() -> agentDetours(actions, acting), "agent-actions");
            agentThread.start();
            List<String> faultLines = runFaults(faults, routing);
            sleepUntil(from.plus(duration));
            clock.shutdownNow();
            acting.set(false);
            agentThread.join();
            finalStatuses(actions);
            calls.shutdown();
            if (!calls.awaitTermination(3, TimeUnit.MINUTES)) {
                report.finding("calls still in progress 3 minutes after the traffic stopped");
            }
            Instant to = Instant.now().plusSeconds(WRAP_UP_SECONDS + 60);
            summarize(truth, placed.get(), routing, sink, actions, faultLines);
            return compare(comparison, truth, from, to);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            report.finding("traffic run interrupted");
            return 1;
        } catch (RuntimeException e) {
            report.finding("traffic run failed: %s", e);
            return 1;
        }
    }

    private void shortenWrapUps() {
        Http queues = system.service("queue-service");
        for (DemoTenant.Queue queue : demo.queues()) {
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("name", queue.name());
            settings.put("type", queue.type());
            settings.put("wrapUpSeconds", WRAP_UP_SECONDS);
            settings.put("agentRingTimeoutSeconds", queue.agentRingTimeoutSeconds());
            settings.put("queueRingTimeoutSeconds", queue.queueRingTimeoutSeconds());
            settings.put("unansweredAction", queue.unansweredAction());
            settings.put("unansweredTarget", queue.unansweredTarget());
            settings.put("timeZone", demo.timeZone());
            Http.Answer answer = queues.sendJson("PUT", "/tenants/" + demo.domain() + "/queues/" + queue.extension(),
                    JSON.writeValueAsString(settings), Map.of());
            if (!answer.is2xx()) {
                report.finding("could not shorten the wrap-up of queue %s: %d %s", queue.extension(), answer.status(),
                        answer.body());
            }
        }
        report.line("setup: wrap-up of every queue set to %d s", WRAP_UP_SECONDS);
    }

    /** The PBX tells the gateway that every phone registered (it holds the SIP registrations, not the gateway). */
    private void registerPhones(CallEventSink sink) {
        Tenant tenant = Tenant.of(demo.domain());
        for (DemoTenant.User user : demo.users()) {
            for (DemoTenant.Device device : user.devices()) {
                sink.send(new DeviceRegistered(tenant, DeviceId.of(device.name(), tenant), AgentId.of(user.extension(), tenant),
                        "sip:" + device.name() + "@127.0.0.1:5999", Instant.now().plus(Duration.ofHours(6))));
            }
        }
    }

    private Duration awaitEveryoneAvailable() {
        Instant start = Instant.now();
        Http queues = system.service("queue-service");
        Instant deadline = start.plusSeconds(30);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            Http.Answer answer = queues.get("/tenants/" + demo.domain() + "/availability");
            if (answer.is2xx()) {
                JsonNode rows = JSON.readTree(answer.body());
                long unavailable = 0;
                for (JsonNode row : rows) {
                    if (!row.path("available").asBoolean(false)) {
                        unavailable++;
                        last = row.toString();
                    }
                }
                if (rows.size() > 0 && unavailable == 0) {
                    return Duration.between(start, Instant.now());
                }
            } else {
                last = "HTTP " + answer.status();
            }
            sleep(Duration.ofMillis(250));
        }
        report.finding("not every agent became available within 30 s of going online; e.g. %s", last);
        return Duration.between(start, Instant.now());
    }

    private void agentDetours(AgentActions actions, AtomicBoolean acting) {
        Random random = new Random(seed);
        List<DemoTenant.User> agents = actions.agents();
        while (acting.get()) {
            DemoTenant.User user = agents.get(random.nextInt(agents.size()));
            String detour = actions.randomDetour(random, user);
            sleep(Duration.ofSeconds(3));
            actions.undo(user, detour);
            sleep(Duration.ofSeconds(2));
        }
    }

    /** The run ends with two agents away, so the final-state comparison has something other than Online to check. */
    private void finalStatuses(AgentActions actions) {
        List<DemoTenant.User> agents = actions.agents();
        actions.setStatus(agents.get(agents.size() - 1), "LUNCH");
        actions.dial(agents.get(agents.size() - 2), "*52");
    }

    private List<String> runFaults(List<Fault> faults, RoutingWatch routing) {
        List<String> lines = new ArrayList<>();
        if (faults.isEmpty()) {
            return lines;
        }
        Duration gap = duration.dividedBy(faults.size() + 1);
        for (Fault fault : faults) {
            sleep(gap);
            Instant injected = Instant.now();
            fault.action().run();
            Instant ready = Instant.now();
            Instant deadline = ready.plusSeconds(60);
            while (routing.firstOfferAfter(ready).isEmpty() && Instant.now().isBefore(deadline)) {
                sleep(Duration.ofMillis(100));
            }
            String routingDuring = routing.firstOfferAfter(injected).filter(first -> first.isBefore(ready))
                    .map(first -> "routing went on during the outage (first offer " + Duration.between(injected, first).toMillis() + " ms after the fault)")
                    .orElse(routing.firstOfferAfter(ready)
                            .map(first -> "routing resumed " + Duration.between(injected, first).toMillis() + " ms after the fault")
                            .orElse("NO routing offer within 60 s of the restart"));
            String line = String.format("fault %-40s at %s: ready again after %d ms; %s", fault.name(), injected,
                    Duration.between(injected, ready).toMillis(), routingDuring);
            lines.add(line);
            report.line(line);
        }
        return lines;
    }

    private void summarize(GroundTruth truth, int placed, RoutingWatch routing, CallEventSink sink, AgentActions actions,
                           List<String> faultLines) {
        report.line("traffic: %d calls placed in %d s at %d/min: %d answered in a queue, %d abandoned, %d direct, %d outbound",
                placed, duration.toSeconds(), callsPerMinute, truth.count(GroundTruth.Outcome.ANSWERED),
                truth.count(GroundTruth.Outcome.ABANDONED), truth.count(GroundTruth.Outcome.DIRECT_ANSWERED),
                truth.count(GroundTruth.Outcome.OUTBOUND));
        List<Long> latencies = truth.offerLatencies();
        report.line("routing: %d offers seen on routing.commands; caller arrival (call event sent) -> first offer read "
                        + "from Kafka, including any wait for a free agent: p50 %d ms, p99 %d ms, max %d ms (n=%d)",
                routing.offersSeen(),
                Percentiles.of(latencies, 50), Percentiles.of(latencies, 99), Percentiles.of(latencies, 100),
                latencies.size());
        report.line("agent actions: %d portal/star-code changes, %d star codes; portal retries while a service restarted: %d, "
                        + "signed in again after losing the session: %d; call-event retries: %d%s",
                actions.actionsDone(), actions.starCodesDialed(), actions.retried(), actions.signedOut(), sink.retries(),
                sink.viaKafka() ? " (call facts written straight to Kafka)" : "");
        if (!faultLines.isEmpty()) {
            report.line("faults: %d", faultLines.size());
        }
    }

    private int compare(Comparison comparison, GroundTruth truth, Instant from, Instant to) {
        Instant start = Instant.now();
        Comparison.Result result = comparison.compare(truth, from, to);
        while (!result.differences().isEmpty() && Instant.now().isBefore(start.plus(SETTLE))) {
            sleep(Duration.ofSeconds(1));
            result = comparison.compare(truth, from, to);
        }
        report.line("comparison with the ground truth after %d ms of settling: %d figures equal, %d differences",
                Duration.between(start, Instant.now()).toMillis(), result.compared().size(), result.differences().size());
        result.compared().forEach(line -> report.line("  ok   %s", line));
        result.notes().forEach(line -> report.line("  note %s", line));
        result.differences().forEach(line -> report.finding("ground truth: %s", line));
        return result.differences().size();
    }

    private static void sleepUntil(Instant instant) {
        Duration left = Duration.between(Instant.now(), instant);
        if (!left.isNegative()) {
            sleep(left);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

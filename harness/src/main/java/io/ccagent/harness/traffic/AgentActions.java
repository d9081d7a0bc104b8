package io.ccagent.harness.traffic;

import io.ccagent.contracts.call.StarCodeDialed;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.harness.report.Report;
import io.ccagent.harness.system.HarnessSystem;
import io.ccagent.harness.system.Http;
import io.ccagent.harness.system.PortalSession;
import io.ccagent.identity.Role;
import io.ccagent.local.DemoTenant;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What agents do besides calls: status changes and queue logins through the portal (signed in, with CSRF, as the
 * page does) and star codes from their phones. Every change is also written into the ground truth. When the portal
 * cannot sign an agent in, the action goes to agent-service's API directly and the report says so.
 */
final class AgentActions {

    private static final Duration RETRY_FOR = Duration.ofSeconds(60);

    private final HarnessSystem system;
    private final DemoTenant demo;
    private final Tenant tenant;
    private final GroundTruth truth;
    private final CallEventSink sink;
    private final Report report;
    private final Map<String, PortalSession> sessions = new LinkedHashMap<>();
    private final Http agentService;
    private final AtomicInteger actions = new AtomicInteger();
    private final AtomicInteger starCodes = new AtomicInteger();
    private final AtomicInteger retried = new AtomicInteger();
    private final AtomicInteger signedOut = new AtomicInteger();

    AgentActions(HarnessSystem system, GroundTruth truth, CallEventSink sink, Report report) {
        this.system = system;
        this.demo = system.tenant();
        this.tenant = Tenant.of(demo.domain());
        this.truth = truth;
        this.sink = sink;
        this.report = report;
        this.agentService = system.service("agent-service");
    }

    List<DemoTenant.User> agents() {
        return demo.users().stream().filter(DemoTenant.User::isAgent).toList();
    }

    /** Every agent online, logged into each of their queues, with every phone active. */
    void everyoneReady() {
        for (DemoTenant.User user : agents()) {
            setStatus(user, "ONLINE");
            for (DemoTenant.Queue queue : demo.queues()) {
                if (queue.members().stream().anyMatch(m -> m.agent().equals(user.extension()))) {
                    queueLogin(user, queue.extension(), true);
                }
            }
            for (DemoTenant.Device device : user.devices()) {
                post(user, "/api/me/devices/" + device.name() + "/active", "{\"active\":true}",
                        "/tenants/" + demo.domain() + "/agents/" + user.extension() + "/devices/" + device.name() + "/active");
            }
        }
    }

    /** One random action that the next call of {@link #undo} reverses: a break, a queue logout, or *52 then *51. */
    String randomDetour(Random random, DemoTenant.User user) {
        actions.incrementAndGet();
        switch (random.nextInt(3)) {
            case 0 -> {
                setStatus(user, List.of("BREAK", "LUNCH", "MEETING", "OTHER", "WEB").get(random.nextInt(5)));
                return "status";
            }
            case 1 -> {
                List<DemoTenant.Queue> own = demo.queues().stream()
                        .filter(q -> q.members().stream().anyMatch(m -> m.agent().equals(user.extension()))).toList();
                DemoTenant.Queue queue = own.get(random.nextInt(own.size()));
                queueLogin(user, queue.extension(), false);
                return "queue:" + queue.extension();
            }
            default -> {
                dial(user, "*52");
                return "star";
            }
        }
    }

    void undo(DemoTenant.User user, String detour) {
        actions.incrementAndGet();
        if (detour.equals("status")) {
            setStatus(user, "ONLINE");
        } else if (detour.startsWith("queue:")) {
            queueLogin(user, detour.substring("queue:".length()), true);
        } else {
            dial(user, "*51");
        }
    }

    void setStatus(DemoTenant.User user, String status) {
        truth.status(AgentId.of(user.extension(), tenant).toString(), status);
        post(user, "/api/me/status", "{\"status\":\"" + status + "\"}",
                "/tenants/" + demo.domain() + "/agents/" + user.extension() + "/status");
    }

    private void queueLogin(DemoTenant.User user, String queue, boolean loggedIn) {
        post(user, "/api/me/queues/" + queue + "/login", "{\"loggedIn\":" + loggedIn + "}",
                "/tenants/" + demo.domain() + "/agents/" + user.extension() + "/queues/" + queue + "/login");
    }

    /** *51 and *52 set the status too (Online / Offline), so the truth follows. */
    void dial(DemoTenant.User user, String code) {
        starCodes.incrementAndGet();
        AgentId agent = AgentId.of(user.extension(), tenant);
        truth.status(agent.toString(), code.equals("*51") ? "ONLINE" : code.equals("*52") ? "OFFLINE" : "SINGLE_CALL");
        sink.send(new StarCodeDialed(tenant, CallId.of("star-" + user.extension() + "-" + System.nanoTime()),
                DeviceId.of(user.devices().get(0).name(), tenant), agent, code));
    }

    /**
     * Posts as a user would: through the portal; while a service is restarting (503, no answer) the user tries again
     * for up to a minute; after a portal restart the session is gone, so the user signs in again. Only when the portal
     * never accepts does the change go to agent-service directly, and that is a finding.
     */
    private void post(DemoTenant.User user, String portalPath, String body, String servicePath) {
        Instant deadline = Instant.now().plus(RETRY_FOR);
        Http.Answer answer = null;
        while (Instant.now().isBefore(deadline)) {
            PortalSession session = session(user);
            answer = session == null ? null : session.json("POST", portalPath, body);
            if (answer == null || answer.is2xx()) {
                break;
            }
            if (answer.status() == 401 || answer.status() == 403) {
                signedOut.incrementAndGet();
                forget(user);
            } else if (answer.status() == 0 || answer.status() >= 500) {
                retried.incrementAndGet();
            } else {
                break;
            }
            sleep(Duration.ofMillis(500));
        }
        if (answer != null && answer.is2xx()) {
            return;
        }
        Http.Answer direct = agentService.sendJson("POST", servicePath, body,
                Map.of("Authorization", system.authorization(user.login(demo.domain()), Role.AGENT)));
        if (answer != null) {
            report.finding("portal POST %s as %s answered %d (%s) for %d s; agent-service directly answered %d",
                    portalPath, user.extension(), answer.status(), shorten(answer.body()), RETRY_FOR.toSeconds(),
                    direct.status());
        } else if (!direct.is2xx()) {
            report.finding("agent-service POST %s answered %d: %s", servicePath, direct.status(), shorten(direct.body()));
        }
    }

    private synchronized void forget(DemoTenant.User user) {
        sessions.remove(user.extension());
    }

    private synchronized PortalSession session(DemoTenant.User user) {
        if (!sessions.containsKey(user.extension())) {
            PortalSession session = null;
            try {
                session = PortalSession.signIn(system.url("portal-bff"), user.login(demo.domain()), user.password());
            } catch (RuntimeException e) {
                report.finding("portal sign-in as %s failed (%s); agent actions go to agent-service directly",
                        user.extension(), e.getMessage());
            }
            sessions.put(user.extension(), session);
        }
        return sessions.get(user.extension());
    }

    int actionsDone() {
        return actions.get();
    }

    /** Portal requests tried again because a service was restarting. */
    int retried() {
        return retried.get();
    }

    /** Times a user found their session gone (portal restarted) and signed in again. */
    int signedOut() {
        return signedOut.get();
    }

    int starCodesDialed() {
        return starCodes.get();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String shorten(String text) {
        return text == null ? "" : text.length() > 160 ? text.substring(0, 160) + "..." : text;
    }
}

package io.ccagent.harness.system;

import io.ccagent.harness.report.Report;
import io.ccagent.local.DemoTenant;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Seeds the demo tenant with the same provisioning calls as the local runtime, but writes each refused call down as a
 * finding and goes on, so a run still measures what works while one service's provisioning API is missing.
 */
public final class TolerantSeeder {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The local runtime's provisioning token (deploy/local Service.PROVISIONING_TOKEN). */
    private static final String PROVISIONING_TOKEN = "local-dev-token";

    private final HarnessSystem system;
    private final Report report;

    public TolerantSeeder(HarnessSystem system, Report report) {
        this.system = system;
        this.report = report;
    }

    public void seed() {
        DemoTenant tenant = system.tenant();
        String domain = tenant.domain();
        put("telephony-gateway", "/tenants/" + domain + "/api-key", Map.of("apiKey", tenant.apiKey()));
        for (DemoTenant.User user : tenant.users()) {
            put("portal-bff", "/internal/tenants/" + domain + "/users/" + user.extension(), Map.of("name", user.name(),
                    "email", user.email(), "password", user.password(), "scope", user.scope()));
            if (!user.isAgent()) {
                continue;
            }
            for (DemoTenant.Device device : user.devices()) {
                put("telephony-gateway", "/tenants/" + domain + "/devices/" + device.name(),
                        Map.of("agent", user.login(domain), "password", device.password()));
            }
            put("agent-service", "/tenants/" + domain + "/agents/" + user.extension(), Map.of("name", user.name(),
                    "email", user.email(), "timeZone", tenant.timeZone(),
                    "devices", user.devices().stream().map(DemoTenant.Device::name).toList()));
        }
        for (DemoTenant.Queue queue : tenant.queues()) {
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("name", queue.name());
            settings.put("type", queue.type());
            settings.put("wrapUpSeconds", queue.wrapUpSeconds());
            settings.put("agentRingTimeoutSeconds", queue.agentRingTimeoutSeconds());
            settings.put("queueRingTimeoutSeconds", queue.queueRingTimeoutSeconds());
            settings.put("unansweredAction", queue.unansweredAction());
            settings.put("unansweredTarget", queue.unansweredTarget());
            settings.put("timeZone", tenant.timeZone());
            put("queue-service", "/tenants/" + domain + "/queues/" + queue.extension(), settings);
            for (DemoTenant.Member member : queue.members()) {
                put("queue-service", "/tenants/" + domain + "/queues/" + queue.extension() + "/members/" + member.device(),
                        Map.of("agent", member.agent() + "@" + domain, "priority", member.priority(),
                                "order", member.order(), "tier", member.tier()));
            }
        }
    }

    private void put(String module, String path, Map<String, ?> body) {
        Http.Answer answer = system.service(module).sendJson("PUT", path, JSON.writeValueAsString(body), Map.of(
                "X-Actor", "seeder", "X-Actor-Role", "SYSTEM", "X-Provisioning-Token", PROVISIONING_TOKEN));
        if (!answer.is2xx()) {
            report.finding("seeding PUT %s%s answered %d: %s", module, path, answer.status(),
                    answer.body().length() > 160 ? answer.body().substring(0, 160) : answer.body());
        }
    }
}

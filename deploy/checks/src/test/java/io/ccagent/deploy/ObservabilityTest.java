package io.ccagent.deploy;

import static io.ccagent.deploy.Tree.list;
import static io.ccagent.deploy.Tree.map;
import static io.ccagent.deploy.Tree.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Prometheus configuration, the alert rules and the Grafana dashboard parse and agree with each other.
 * Whether the services emit every series they query is checked end to end by system-tests' MetricsEndToEndIT.
 */
class ObservabilityTest {

    private static final Path RULES = RepositoryFiles.file("deploy/observability/prometheus/rules/cc-agent-alerts.yml");
    private static final Path PROMETHEUS_CONFIG = RepositoryFiles.file("deploy/observability/prometheus/prometheus.yml");
    private static final Path OPERATOR_RULES = RepositoryFiles.file("deploy/observability/kubernetes/prometheusrule.yaml");
    private static final Path DASHBOARD = RepositoryFiles.file("deploy/observability/grafana/dashboards/cc-agent-overview.json");

    @Test
    void everyAlertHasASeverityASummaryAndAnExpression() {
        List<Object> rules = new ArrayList<>();
        list(RepositoryFiles.yaml(RULES), "groups").forEach(group -> rules.addAll(list(group, "rules")));
        assertThat(rules).extracting(rule -> text(rule, "alert"))
                .contains("ServiceDown", "ConsumerLagHigh", "DeadLetterGrowth", "OfferStuck")
                .doesNotHaveDuplicates();
        rules.forEach(rule -> {
            assertThat(text(rule, "expr")).as("expr of %s", text(rule, "alert")).isNotBlank();
            assertThat(text(rule, "labels", "severity")).as("severity of %s", text(rule, "alert")).isIn("warning", "critical");
            assertThat(text(rule, "annotations", "summary")).as("summary of %s", text(rule, "alert")).isNotBlank();
        });
    }

    @Test
    void kubernetesGetsTheSameRulesAsCompose() {
        Map<String, Object> operatorRule = RepositoryFiles.yaml(OPERATOR_RULES);
        assertThat(text(operatorRule, "kind")).isEqualTo("PrometheusRule");
        assertThat(map(operatorRule, "spec")).isEqualTo(RepositoryFiles.yaml(RULES));
    }

    @Test
    void prometheusScrapesEveryServiceOnActuatorAndLoadsTheRules() {
        Map<String, Object> config = RepositoryFiles.yaml(PROMETHEUS_CONFIG);
        Object job = list(config, "scrape_configs").stream().filter(candidate -> "cc-agent".equals(text(candidate, "job_name")))
                .findFirst().orElseThrow(() -> new AssertionError("no scrape job cc-agent"));
        assertThat(text(job, "metrics_path")).isEqualTo("/actuator/prometheus");
        List<Object> targets = new ArrayList<>();
        list(job, "static_configs").forEach(group -> targets.addAll(list(group, "targets")));
        for (Services service : Services.values()) {
            int metricsPort = service == Services.GATEWAY ? Services.GATEWAY_INTERNAL_PORT : service.port;
            assertThat(targets).contains(service.name + ":" + metricsPort);
        }
        Object prometheus = map(RepositoryFiles.yaml(RepositoryFiles.file("docker-compose.yml")), "services", "prometheus");
        assertThat(list(prometheus, "volumes")).contains("./deploy/observability/prometheus/rules:/etc/prometheus/rules:ro");
        assertThat(list(config, "rule_files")).containsExactly("/etc/prometheus/rules/*.yml");
    }

    @Test
    void dashboardIsValidJsonWithUniquePanelsThatAllQueryPrometheus() throws IOException {
        JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(DASHBOARD));
        assertThat(dashboard.path("uid").asString()).isNotBlank();
        assertThat(dashboard.path("title").asString()).isNotBlank();
        Set<Integer> ids = new HashSet<>();
        List<String> expressions = dashboardExpressions(dashboard);
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(ids.add(panel.path("id").asInt())).as("panel id %s is unique", panel.path("id")).isTrue();
            assertThat(panel.path("gridPos").isObject()).as("gridPos of %s", panel.path("title")).isTrue();
            if (!"row".equals(panel.path("type").asString())) {
                assertThat(panel.path("targets").size()).as("queries of %s", panel.path("title")).isPositive();
                panel.path("targets").forEach(target ->
                        assertThat(target.path("datasource").path("uid").asString()).isEqualTo("${datasource}"));
            }
        }
        // that every metric queried here is really emitted is proven by system-tests' MetricsEndToEndIT
        assertThat(expressions).isNotEmpty().allSatisfy(expression -> assertThat(expression).isNotBlank());
    }

    @Test
    void composeProvisionsTheDashboardFromTheFolderItIsIn() {
        Object grafana = map(RepositoryFiles.yaml(RepositoryFiles.file("docker-compose.yml")), "services", "grafana");
        Map<String, Object> providers = RepositoryFiles.yaml(
                RepositoryFiles.file("deploy/observability/grafana/provisioning/dashboards/cc-agent.yml"));
        String providerPath = text(list(providers, "providers").get(0), "options", "path");
        assertThat(list(grafana, "volumes")).contains("./deploy/observability/grafana/dashboards:" + providerPath + ":ro");
    }

    @Test
    void promtoolAcceptsTheRulesTheConfigAndEveryDashboardQuery(@TempDir Path scratch) throws IOException {
        assumeTrue(Commands.succeeds("promtool", "--version"),
                "promtool is not on PATH (Debian package prometheus); the rules are only checked for structure");
        assertPromtoolAccepts("check", "rules", RULES.toString());
        assertPromtoolAccepts("check", "config", "--syntax-only", PROMETHEUS_CONFIG.toString());

        // promtool has no "check this expression": wrap every panel query in a recording rule and check those
        JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(DASHBOARD));
        List<Map<String, Object>> recordings = new ArrayList<>();
        List<String> expressions = dashboardExpressions(dashboard);
        for (int i = 0; i < expressions.size(); i++) {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("record", "dashboard_query_" + i);
            rule.put("expr", expressions.get(i).replace("$service", ".+"));
            recordings.add(rule);
        }
        Path queries = scratch.resolve("dashboard-queries.yml");
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        Files.writeString(queries, new Yaml(options).dump(Map.of("groups", List.of(Map.of("name", "dashboard", "rules", recordings)))));
        assertPromtoolAccepts("check", "rules", queries.toString());
    }

    private static List<String> dashboardExpressions(JsonNode dashboard) {
        List<String> expressions = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> panel.path("targets").forEach(target -> expressions.add(target.path("expr").asString())));
        return expressions;
    }

    private static void assertPromtoolAccepts(String... arguments) throws IOException {
        String[] command = new String[arguments.length + 1];
        command[0] = "promtool";
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        Commands.Result result = Commands.run(RepositoryFiles.root(), command);
        assertThat(result.exitCode()).as(result.output()).isZero();
    }
}

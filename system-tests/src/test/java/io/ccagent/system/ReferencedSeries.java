package io.ccagent.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The metric names the Grafana dashboard's panels and the Prometheus alert rules query, read from
 * deploy/observability. PromQL is reduced to its selectors: strings, label matchers, ranges and grouping clauses
 * are dropped, and what remains that is not a function call, a keyword or a number is a metric name.
 */
final class ReferencedSeries {

    private static final Path OBSERVABILITY = Path.of("../deploy/observability").toAbsolutePath().normalize();
    private static final Path DASHBOARDS = OBSERVABILITY.resolve("grafana/dashboards");
    private static final Path RULES = OBSERVABILITY.resolve("prometheus/rules");

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern MATCHERS_OR_RANGE = Pattern.compile("\\{[^}]*}|\\[[^]]*]");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.$])([a-zA-Z_:][\\w:]*)(\\s*\\()?");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan",
            "by", "without", "on", "ignoring", "group_left", "group_right");

    /** Where a reference comes from and the name it queries. */
    record Reference(String source, String metric) {
    }

    private ReferencedSeries() {
    }

    static List<Reference> all() {
        List<Reference> references = new ArrayList<>();
        dashboardExpressions().forEach(expression -> names(expression.expression())
                .forEach(name -> references.add(new Reference(expression.source(), name))));
        ruleExpressions().forEach(expression -> names(expression.expression())
                .forEach(name -> references.add(new Reference(expression.source(), name))));
        return references;
    }

    /** The metric names one PromQL expression selects. */
    static Set<String> names(String promql) {
        String reduced = STRING.matcher(promql).replaceAll(" ");
        reduced = MATCHERS_OR_RANGE.matcher(reduced).replaceAll(" ");
        reduced = GROUPING.matcher(reduced).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(reduced);
        while (identifier.find()) {
            boolean call = identifier.group(2) != null;
            if (!call && !KEYWORDS.contains(identifier.group(1).toLowerCase())) {
                names.add(identifier.group(1));
            }
        }
        return names;
    }

    private record Expression(String source, String expression) {
    }

    private static List<Expression> dashboardExpressions() {
        List<Expression> expressions = new ArrayList<>();
        JsonMapper json = JsonMapper.builder().build();
        for (Path dashboard : files(DASHBOARDS, ".json")) {
            collectPanels(json.readTree(dashboard.toFile()).path("panels"), dashboard.getFileName().toString(), expressions);
        }
        return expressions;
    }

    private static void collectPanels(JsonNode panels, String file, List<Expression> expressions) {
        for (JsonNode panel : panels) {
            String source = file + " panel \"" + panel.path("title").asString() + "\"";
            panel.path("targets").forEach(target -> expressions.add(new Expression(source, target.path("expr").asString())));
            collectPanels(panel.path("panels"), file, expressions);
        }
    }

    private static List<Expression> ruleExpressions() {
        List<Expression> expressions = new ArrayList<>();
        YAMLMapper yaml = YAMLMapper.builder().build();
        for (Path rules : files(RULES, ".yml")) {
            for (JsonNode group : yaml.readTree(rules.toFile()).path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    String name = rule.path("alert").asString(rule.path("record").asString());
                    expressions.add(new Expression(rules.getFileName() + " rule " + name, rule.path("expr").asString()));
                }
            }
        }
        return expressions;
    }

    private static List<Path> files(Path directory, String suffix) {
        try (var entries = Files.list(directory)) {
            return entries.filter(file -> file.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

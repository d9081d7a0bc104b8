package io.ccagent.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one harness run does. Parsed from {@code --name=value} arguments:
 * {@code --repo} (where the service jars are built), {@code --phases} (comma list of kafka, http, traffic, faults,
 * sip, push), {@code --minutes} of traffic, {@code --calls-per-minute}, {@code --seed}, {@code --out} (report folder),
 * {@code --fuzz-cases} (SIP mutations), {@code --push-clients} (live streams for the push benchmark), {@code --demo-tenant}: {@code seed} (the local
 * runtime seeds it and fails on any refusal), {@code tolerant} (the harness seeds it, writing refusals down as
 * findings) or {@code skip}.
 */
record HarnessOptions(Path repo, Set<String> phases, Duration trafficTime, int callsPerMinute, long seed, Path out,
                      int fuzzCases, String demoTenant, int pushClients) {

    static final List<String> ALL_PHASES = List.of("kafka", "http", "traffic", "faults", "sip", "push");

    static HarnessOptions parse(String... args) {
        Path repo = Path.of("..");
        Set<String> phases = new LinkedHashSet<>(ALL_PHASES);
        double minutes = 1;
        int callsPerMinute = 60;
        long seed = 42;
        Path out = Path.of("target");
        int fuzzCases = 500;
        String demoTenant = "seed";
        int pushClients = 1000;
        for (String arg : args) {
            String[] pair = arg.replaceFirst("^--", "").split("=", 2);
            String value = pair.length > 1 ? pair[1] : "";
            switch (pair[0]) {
                case "repo" -> repo = Path.of(value);
                case "phases" -> phases = new LinkedHashSet<>(List.of(value.split(",")));
                case "minutes" -> minutes = Double.parseDouble(value);
                case "calls-per-minute" -> callsPerMinute = Integer.parseInt(value);
                case "seed" -> seed = Long.parseLong(value);
                case "out" -> out = Path.of(value);
                case "fuzz-cases" -> fuzzCases = Integer.parseInt(value);
                case "demo-tenant" -> demoTenant = value;
                case "push-clients" -> pushClients = Integer.parseInt(value);
                case "" -> {
                }
                default -> throw new IllegalArgumentException("unknown option --" + pair[0]
                        + " (known: repo, phases, minutes, calls-per-minute, seed, out, fuzz-cases, demo-tenant, push-clients)");
            }
        }
        if (!List.of("seed", "tolerant", "skip").contains(demoTenant)) {
            throw new IllegalArgumentException("--demo-tenant is seed, tolerant or skip, got " + demoTenant);
        }
        if (!ALL_PHASES.containsAll(phases)) {
            throw new IllegalArgumentException("phases must be among " + ALL_PHASES + ", got " + phases);
        }
        return new HarnessOptions(repo, phases, Duration.ofMillis((long) (minutes * 60_000)), callsPerMinute, seed, out,
                fuzzCases, demoTenant, pushClients);
    }

    boolean runs(String phase) {
        return phases.contains(phase);
    }
}

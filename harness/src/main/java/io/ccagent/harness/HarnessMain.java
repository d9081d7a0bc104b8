package io.ccagent.harness;

import io.ccagent.harness.faults.Faults;
import io.ccagent.harness.http.HttpBadInput;
import io.ccagent.harness.kafka.KafkaBadInput;
import io.ccagent.harness.report.Report;
import io.ccagent.harness.push.LivePushBenchmark;
import io.ccagent.harness.sip.SipFuzzer;
import io.ccagent.harness.system.HarnessSystem;
import io.ccagent.harness.system.TolerantSeeder;
import io.ccagent.harness.traffic.Fault;
import io.ccagent.harness.traffic.TrafficRun;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One command: start the whole system as separate processes, feed it bad input, drive traffic with an independent
 * ground truth, break it on purpose, and write down what was found. Exit code 1 when there are findings.
 */
public final class HarnessMain {

    private HarnessMain() {
    }

    public static void main(String[] args) {
        HarnessOptions options = HarnessOptions.parse(args);
        Report report = run(options);
        System.exit(report.findings().isEmpty() ? 0 : 1);
    }

    /** Runs the phases the options name and returns the report (also written under the output folder). */
    public static Report run(String... args) {
        return run(HarnessOptions.parse(args));
    }

    static Report run(HarnessOptions options) {
        Report report = new Report("Harness run " + Instant.now() + ", phases " + options.phases());
        Path reportFile = options.out().resolve("harness-report.txt");
        try (HarnessSystem system = HarnessSystem.start(options.repo(), options.out().resolve("harness-data"),
                options.demoTenant().equals("seed"))) {
            if (options.demoTenant().equals("tolerant")) {
                new TolerantSeeder(system, report).seed();
            }
            report.line("system up: services %s, Kafka %s, SIP port %d", HarnessSystem.SERVICES, system.kafka(),
                    system.sipPort());
            if (options.runs("kafka")) {
                new KafkaBadInput(system.kafka(), report, Duration.ofSeconds(30)).run();
            }
            if (options.runs("http")) {
                new HttpBadInput(system, report).run();
            }
            if (options.runs("traffic")) {
                new TrafficRun(system, report, options.trafficTime(), options.callsPerMinute(), options.seed())
                        .run(List.of());
            }
            if (options.runs("faults")) {
                List<Fault> faults = new ArrayList<>(Faults.killEachService(system));
                if (options.trafficTime().multipliedBy(2).toSeconds() >= 180) {
                    faults.add(Faults.pause(system, "queue-service", Duration.ofSeconds(50), report));
                }
                new TrafficRun(system, report, options.trafficTime().multipliedBy(2), options.callsPerMinute(),
                        options.seed() + 1).run(faults);
            }
            if (options.runs("push")) {
                new LivePushBenchmark(LivePushBenchmark.Portal.of(system), report, options.pushClients(), 10, 0).run();
            }
            if (options.runs("sip")) {
                new SipFuzzer(system, report, options.fuzzCases(), options.seed()).run();
            }
            memory(report, system);
        } catch (RuntimeException e) {
            report.finding("the run stopped early: %s", e);
        }
        report.writeTo(reportFile);
        System.out.println("report written to " + reportFile.toAbsolutePath());
        return report;
    }

    private static void memory(Report report, HarnessSystem system) {
        report.section("Memory at the end of the run (RSS)");
        for (Map.Entry<String, Long> entry : system.residentMemoryMiB().entrySet()) {
            report.line("%-40s %5d MiB", entry.getKey(), entry.getValue());
        }
    }
}

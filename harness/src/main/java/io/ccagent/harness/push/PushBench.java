package io.ccagent.harness.push;

import io.ccagent.harness.report.Report;
import io.ccagent.harness.system.HarnessSystem;

import java.nio.file.Path;
import java.time.Instant;

/**
 * {@code harness/bench.sh push}: the whole local runtime on the harness's shifted ports, N live streams of one tenant,
 * M status changes through the portal; prints the {@code BENCH push ...} line last. Arguments:
 * {@code --repo=DIR --out=DIR --streams=N --changes=M}.
 */
public final class PushBench {

    private PushBench() {
    }

    public static void main(String[] args) {
        Path repo = Path.of(".");
        Path out = Path.of("target", "bench-push");
        int streams = 1000;
        int changes = 100;
        for (String arg : args) {
            String[] pair = arg.replaceFirst("^--", "").split("=", 2);
            String value = pair.length > 1 ? pair[1] : "";
            switch (pair[0]) {
                case "repo" -> repo = Path.of(value);
                case "out" -> out = Path.of(value);
                case "streams" -> streams = Integer.parseInt(value);
                case "changes" -> changes = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option --" + pair[0]
                        + " (known: repo, out, streams, changes)");
            }
        }
        Report report = new Report("Live push benchmark " + Instant.now());
        LivePushBenchmark.Result result;
        try (HarnessSystem system = HarnessSystem.start(repo, out.resolve("data"), true)) {
            result = new LivePushBenchmark(system, report, streams, changes).run();
        }
        report.writeTo(out.resolve("push-report.txt"));
        System.out.println(result.benchLine());
        System.exit(0);
    }
}

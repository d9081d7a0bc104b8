package io.ccagent.harness.push;

import io.ccagent.harness.report.Report;

import java.nio.file.Path;
import java.time.Instant;

/**
 * {@code harness/bench.sh push}: N live streams of the demo tenant, M status changes through the portal of a local
 * runtime that runs in its own process (the script starts it: this JVM holds only the streams' client); prints the
 * {@code BENCH push ...} line last. Arguments: {@code --repo=DIR --out=DIR --portal=URL --streams=N --changes=M
 * --warm-up=W} (W changes first, not measured; default 0).
 */
public final class PushBench {

    private PushBench() {
    }

    public static void main(String[] args) {
        Path repo = Path.of(".");
        Path out = Path.of("target", "bench-push");
        String portal = "http://127.0.0.1:8080";
        int streams = 1000;
        int changes = 100;
        int warmUp = 0;
        for (String arg : args) {
            String[] pair = arg.replaceFirst("^--", "").split("=", 2);
            String value = pair.length > 1 ? pair[1] : "";
            switch (pair[0]) {
                case "repo" -> repo = Path.of(value);
                case "out" -> out = Path.of(value);
                case "portal" -> portal = value;
                case "streams" -> streams = Integer.parseInt(value);
                case "changes" -> changes = Integer.parseInt(value);
                case "warm-up" -> warmUp = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option --" + pair[0]
                        + " (known: repo, out, portal, streams, changes, warm-up)");
            }
        }
        Report report = new Report("Live push benchmark " + Instant.now());
        LivePushBenchmark.Result result = new LivePushBenchmark(LivePushBenchmark.Portal.attached(portal, repo), report,
                streams, changes, warmUp).run();
        report.writeTo(out.resolve("push-report.txt"));
        System.out.println(result.benchLine());
        System.exit(0);
    }
}

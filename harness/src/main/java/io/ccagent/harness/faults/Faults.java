package io.ccagent.harness.faults;

import io.ccagent.harness.report.Report;
import io.ccagent.harness.system.HarnessSystem;
import io.ccagent.harness.traffic.Fault;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The faults a run can inject: kill -9 and restart of each service, and a pause long enough for a rebalance. */
public final class Faults {

    private Faults() {
    }

    public static List<Fault> killEachService(HarnessSystem system) {
        List<Fault> faults = new ArrayList<>();
        for (String module : HarnessSystem.SERVICES) {
            faults.add(new Fault("kill -9 + restart " + module, () -> system.killAndRestart(module)));
        }
        return faults;
    }

    /**
     * Freezes a service (SIGSTOP) for longer than the Kafka session timeout (45 s by default), so its consumer group
     * rebalances without it, then lets it run again (SIGCONT).
     */
    public static Fault pause(HarnessSystem system, String module, Duration pause, Report report) {
        return new Fault("pause " + module + " " + pause.toSeconds() + " s", () -> system.process(module).ifPresentOrElse(
                process -> {
                    signal("STOP", process.pid());
                    try {
                        Thread.sleep(pause.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        signal("CONT", process.pid());
                    }
                },
                () -> report.finding("pause: no process found for %s", module)));
    }

    private static void signal(String signal, long pid) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new IllegalStateException("could not send SIG" + signal + " to " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

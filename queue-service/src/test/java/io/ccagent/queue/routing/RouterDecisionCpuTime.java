package io.ccagent.queue.routing;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * The same arrivals as {@link RouterBenchmark#callArrives()}, timed twice: by the thread's CPU time and by the wall
 * clock. On a busy machine the wall-clock tail is the scheduler (the thread waiting for a core), not the router;
 * the CPU-time percentiles are what the decision itself costs. Run by {@code harness/bench.sh decision}.
 */
public final class RouterDecisionCpuTime {

    private static final int WARM_UP = 20_000;
    private static final int MEASURED = 20_000;

    private RouterDecisionCpuTime() {
    }

    public static void main(String[] args) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        RouterBenchmark load = new RouterBenchmark();
        load.tenant();
        for (int i = 0; i < WARM_UP; i++) {
            load.previousCallDone();
            load.callArrives();
        }
        long[] cpu = new long[MEASURED];
        long[] wall = new long[MEASURED];
        for (int i = 0; i < MEASURED; i++) {
            load.previousCallDone();
            long cpuStart = threads.getCurrentThreadCpuTime();
            long wallStart = System.nanoTime();
            load.callArrives();
            cpu[i] = threads.getCurrentThreadCpuTime() - cpuStart;
            wall[i] = System.nanoTime() - wallStart;
        }
        print("cpu time ", cpu);
        print("wall time", wall);
        System.out.printf("BENCH decision_cpu arrivals=%d cpu_p50_us=%d cpu_p99_us=%d wall_p50_us=%d wall_p99_us=%d%n",
                MEASURED, cpu[MEASURED / 2] / 1000, cpu[MEASURED * 99 / 100] / 1000, wall[MEASURED / 2] / 1000,
                wall[MEASURED * 99 / 100] / 1000);
    }

    private static void print(String what, long[] nanos) {
        Arrays.sort(nanos);
        System.out.printf("callArrives %s: p50 %d us, p99 %d us, p99.9 %d us, max %d us (%d arrivals)%n", what,
                nanos[nanos.length / 2] / 1000, nanos[nanos.length * 99 / 100] / 1000,
                nanos[nanos.length * 999 / 1000] / 1000, nanos[nanos.length - 1] / 1000, nanos.length);
    }
}

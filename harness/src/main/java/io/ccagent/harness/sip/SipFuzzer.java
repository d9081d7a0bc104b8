package io.ccagent.harness.sip;

import io.ccagent.harness.report.Report;
import io.ccagent.harness.system.HarnessSystem;
import io.ccagent.harness.system.ResidentMemory;
import io.ccagent.local.DemoTenant;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Sends mutated SIP messages over UDP to the gateway and checks, between mutations, that it still answers a valid
 * OPTIONS and REGISTER, that its process lives, and that its memory stays bounded.
 */
public final class SipFuzzer {

    private static final int CHECK_EVERY = 10;
    private static final long MEMORY_GROWTH_LIMIT_MIB = 128;

    private final HarnessSystem system;
    private final Report report;
    private final int cases;
    private final long seed;

    public SipFuzzer(HarnessSystem system, Report report, int cases, long seed) {
        this.system = system;
        this.report = report;
        this.cases = cases;
        this.seed = seed;
    }

    public int run() {
        report.section("Bad input: SIP fuzzer (UDP)");
        DemoTenant demo = system.tenant();
        DemoTenant.User agent = demo.users().stream().filter(DemoTenant.User::isAgent).findFirst().orElseThrow();
        DemoTenant.Device device = agent.devices().get(0);
        Random random = new Random(seed);
        Map<String, int[]> answersByMutation = new LinkedHashMap<>();
        int servingChecks = 0;
        int servingFailures = 0;
        try (SipProbe probe = new SipProbe(system.sipPort(), demo.domain())) {
            long pid = system.process("telephony-gateway").map(ProcessHandle::pid).orElse(-1L);
            int optionsBefore = probe.options();
            int registerBefore = probe.register(device.name(), device.password());
            long rssBefore = ResidentMemory.ofPid(pid);
            report.line("before fuzzing: OPTIONS -> %d, REGISTER %s -> %d, gateway RSS %d MiB", optionsBefore,
                    device.name(), registerBefore, rssBefore);
            if (optionsBefore != 200 || registerBefore != 200) {
                report.finding("SIP: the gateway does not answer valid requests even before fuzzing (OPTIONS %d, REGISTER %d)",
                        optionsBefore, registerBefore);
            }
            for (int i = 0; i < cases; i++) {
                Mutations.Mutation mutation = Mutations.ALL.get(random.nextInt(Mutations.ALL.size()));
                String seedMessage = seedMessage(random, demo.domain(), agent.extension(), probe.localPort());
                probe.send(mutation.apply().apply(random, seedMessage));
                String answer = probe.receive(Duration.ofMillis(150));
                int[] counts = answersByMutation.computeIfAbsent(mutation.name(), n -> new int[3]);
                counts[answer == null ? 0 : answer.startsWith("SIP/2.0 4") ? 1 : 2]++;
                if ((i + 1) % CHECK_EVERY == 0) {
                    servingChecks++;
                    int status = probe.options();
                    if (status != optionsBefore) {
                        servingFailures++;
                        report.finding("SIP: after %d mutations (last: %s) a valid OPTIONS got %d (before fuzzing: %d)",
                                i + 1, mutation.name(), status, optionsBefore);
                    }
                    if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                        report.finding("SIP: the gateway process died after %d mutations (last: %s)", i + 1, mutation.name());
                        return i + 1;
                    }
                }
            }
            int registerAfter = probe.register(device.name(), device.password());
            if (registerAfter != registerBefore) {
                report.finding("SIP: REGISTER after fuzzing got %d (before: %d)", registerAfter, registerBefore);
            }
            System.gc();
            long rssAfter = ResidentMemory.ofPid(pid);
            report.line("after %d mutations: %d serving checks, %d failed; REGISTER -> %d; gateway RSS %d MiB (%+d MiB)",
                    cases, servingChecks, servingFailures, registerAfter, rssAfter, rssAfter - rssBefore);
            if (rssAfter - rssBefore > MEMORY_GROWTH_LIMIT_MIB) {
                report.finding("SIP: gateway RSS grew by %d MiB during fuzzing (limit %d MiB)", rssAfter - rssBefore,
                        MEMORY_GROWTH_LIMIT_MIB);
            }
            report.line("answers per mutation (silence / 4xx / other):");
            answersByMutation.forEach((name, counts) -> report.line("  %-32s %4d / %4d / %4d", name, counts[0], counts[1], counts[2]));
        } catch (IOException e) {
            report.finding("SIP fuzzer could not use UDP: %s", e.getMessage());
        }
        return cases;
    }

    private static String seedMessage(Random random, String domain, String extension, int localPort) {
        String callId = UUID.randomUUID() + "@fuzz";
        return List.of(
                SipMessages.options(domain, localPort, callId),
                SipMessages.register(domain, extension, localPort, callId, 1, null),
                SipMessages.invite(domain, extension, "9999", localPort, callId),
                SipMessages.bye(domain, extension, localPort, callId)).get(random.nextInt(4));
    }
}

package io.ccagent.harness.routing;

import io.ccagent.contracts.Topics;
import io.ccagent.contracts.agent.ChangeSource;
import io.ccagent.contracts.agent.QueueLoginChanged;
import io.ccagent.contracts.ids.AgentId;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The two halves of harness/bench/takeover.sh around the script's kill -9. {@code prepare}: provisions the tenant and
 * writes routing history (queue log-ins that change nothing, so the history is cheap to write but a replay from
 * zero would still have to read all of it), waits until the router has read it all. {@code load}: callers at a fixed
 * rate, tells the script when to kill (line {@code KILL}), learns the kill instant from a file, and reports how long
 * routing stopped (kill to the first offer for a caller who arrived after the kill; -1 if none was offered) and
 * whether any caller got no offer, or was offered to the same agent twice.
 */
final class TakeoverPhases {

    private final RoutingBench bench;

    TakeoverPhases(RoutingBench bench) {
        this.bench = bench;
    }

    void prepare() throws Exception {
        Thread gateway = bench.startGateway();
        bench.provision();
        bench.awaitAvailable(AgentId.of("a" + (bench.agents - 1), bench.tenant));
        int history = bench.intOption("history", 1_000_000);
        for (int i = 0; i < history; i++) {
            int a = i % bench.agents;
            bench.send(new QueueLoginChanged(AgentId.of("a" + a, bench.tenant),
                    bench.queue(Math.floorMod(a, bench.queues)), true, ChangeSource.PORTAL, "history"));
        }
        bench.producer.flush();
        awaitRouterCaughtUp();
        bench.listening = false;
        gateway.join();
        long inputs = 0;
        Map<String, Long> ends = bench.busEnds();
        for (String topic : Topics.ROUTER_INPUTS) {
            inputs += ends.getOrDefault(topic, 0L);
        }
        Files.writeString(Path.of(bench.options.get("state")), bench.tenant.domain() + "\n" + inputs + "\n");
        System.out.printf("TENANT %s history_records=%d%n", bench.tenant.domain(), inputs);
    }

    /** The router's group has committed the end of every input partition. */
    private void awaitRouterCaughtUp() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bench.bootstrap))) {
            while (true) {
                Map<String, Long> ends = bench.busEnds();
                long committed = 0;
                Map<TopicPartition, OffsetAndMetadata> offsets = admin
                        .listConsumerGroupOffsets(bench.options.getOrDefault("group", "queue-router"))
                        .partitionsToOffsetAndMetadata().get();
                for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : offsets.entrySet()) {
                    if (Topics.ROUTER_INPUTS.contains(entry.getKey().topic()) && entry.getValue() != null) {
                        committed += entry.getValue().offset();
                    }
                }
                long total = Topics.ROUTER_INPUTS.stream().mapToLong(topic -> ends.getOrDefault(topic, 0L)).sum();
                if (committed >= total) {
                    return;
                }
                Thread.sleep(500);
            }
        }
    }

    void load() throws Exception {
        java.util.List<String> state = Files.readAllLines(Path.of(bench.options.get("state")));
        RoutingBench load = bench;
        int rate = bench.intOption("rate", 200);
        int seconds = bench.intOption("seconds", 30);
        int killAfter = bench.intOption("kill-after", 5);
        Path killedAt = Path.of(bench.options.get("killed-at"));
        Thread gateway = load.startGateway();
        Thread killer = new Thread(() -> {
            try {
                Thread.sleep(killAfter * 1_000L);
                System.out.println("KILL");
                System.out.flush();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        killer.start();
        int calls = load.arrive(rate, seconds, "takeover-");
        load.awaitOffers(calls, Duration.ofSeconds(60));
        Thread.sleep(3_000);
        load.listening = false;
        gateway.join();
        long killedMillis = Long.parseLong(Files.readString(killedAt).trim());
        long lost = load.sentAt.keySet().stream().filter(call -> !load.offers.containsKey(call)).count();
        long doubled = load.offeredTheSameAgentTwice.size();
        long offeredAgain = load.offers.values().stream().filter(count -> count.get() > 1).count();
        long firstOffer = load.firstOfferForArrivalAfter(killedMillis);
        long resumeMs = firstOffer < 0 ? -1 : firstOffer - killedMillis;
        System.out.printf("tenant %s; history from prepare: %s records in the router's input topics%n", state.get(0),
                state.get(1));
        System.out.printf("callers offered more than once: %d (to other agents: ring all and linear cascade adding "
                + "agents while they ring, the next agent after a ring-out, more of them while answers lag behind a "
                + "backlog); to an agent offered before (a decision made twice): %d%n", offeredAgain, doubled);
        System.out.printf("BENCH takeover history_records=%s resume_ms=%d lost_offers=%d double_offers=%d%n",
                state.get(1), resumeMs, lost, doubled);
    }
}

package io.ccagent.queue.routing;

import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.queue.QueueType;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Everything a queue type decides, in one place: which of a queue's free, untried agents ring next for a caller,
 * whether they ring one at a time, whether more agents join a ringing caller, and whether the router routes the
 * queue's callers at all. Every decision is a switch naming each type, with no default, so a new type does not
 * compile until each of them says what it does. Pure: the candidates come in, the agents to ring go out; ties always
 * fall back to the agent id, and the Random type draws from the caller and the instant, so the same inputs always
 * give the same decision (a takeover's replay rebuilds exactly the offers the previous owner published).
 */
final class RingOrder {

    private static final Comparator<Candidate> BY_AGENT = Comparator.comparing(c -> c.agent().id.toString());

    private RingOrder() {
    }

    /** Types that ring one agent at a time and wait for that offer to end before the next. */
    static boolean oneAtATime(QueueType type) {
        return switch (type) {
            case ROUND_ROBIN, TIERED_ROUND_ROBIN, LINEAR_HUNT, FEWEST_CALLS, RANDOM -> true;
            case RING_ALL, LINEAR_CASCADE, CALL_PARK -> false;
        };
    }

    /** Types whose ringing caller rings more agents as they become free, not only the ones chosen first. */
    static boolean addsToRinging(QueueType type) {
        return switch (type) {
            case RING_ALL -> true;
            case ROUND_ROBIN, TIERED_ROUND_ROBIN, LINEAR_HUNT, FEWEST_CALLS, RANDOM, LINEAR_CASCADE, CALL_PARK -> false;
        };
    }

    /** Types whose callers the router offers by itself; a call park caller is offered only once an agent picks it. */
    static boolean routesAutomatically(QueueType type) {
        return switch (type) {
            case ROUND_ROBIN, TIERED_ROUND_ROBIN, LINEAR_HUNT, FEWEST_CALLS, RANDOM, RING_ALL, LINEAR_CASCADE -> true;
            case CALL_PARK -> false;
        };
    }

    /**
     * @param candidates free agents of the queue not yet tried for this caller, in member order
     * @param ringingTier for cascade: the tier already ringing for this caller, else null
     * @param call        the caller being offered, whose id (with the instant) is the Random type's draw
     */
    static List<Candidate> choose(QueueType type, List<Candidate> candidates, Integer ringingTier, Instant now,
                                  CallId call) {
        if (candidates.isEmpty()) {
            return List.of();
        }
        Comparator<Candidate> longestIdle = Comparator
                .comparing((Candidate c) -> idleSince(c.agent()))
                .thenComparing(BY_AGENT);
        return switch (type) {
            case ROUND_ROBIN -> List.of(min(candidates, longestIdle));
            case TIERED_ROUND_ROBIN -> List.of(min(candidates,
                    Comparator.comparingInt((Candidate c) -> c.membership().tier()).thenComparing(longestIdle)));
            case LINEAR_HUNT -> List.of(min(candidates,
                    Comparator.comparingInt((Candidate c) -> c.membership().order()).thenComparing(BY_AGENT)));
            case FEWEST_CALLS -> {
                LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
                yield List.of(min(candidates, Comparator
                        .comparingInt((Candidate c) -> c.agent().answeredOn(today))
                        .thenComparing(longestIdle)));
            }
            case RANDOM -> List.of(candidates.stream().sorted(BY_AGENT).toList()
                    .get(draw(call, now, candidates.size())));
            case RING_ALL -> candidates;
            case LINEAR_CASCADE -> {
                int tier = ringingTier != null ? ringingTier
                        : candidates.stream().mapToInt(c -> c.membership().tier()).min().orElseThrow();
                yield candidates.stream().filter(c -> c.membership().tier() == tier).toList();
            }
            case CALL_PARK -> List.of();
        };
    }

    /**
     * Uniform over {@code bound} for callers with random ids, yet a function of the decision's inputs: a generator
     * with its own state would draw differently when a new owner replays the tail.
     */
    private static int draw(CallId call, Instant now, int bound) {
        long seed = call.value().hashCode() * 0x9E3779B97F4A7C15L ^ now.toEpochMilli();
        return new SplittableRandom(seed).nextInt(bound);
    }

    private static Instant idleSince(AgentState agent) {
        return agent.idleSince == null ? Instant.MIN : agent.idleSince;
    }

    private static Candidate min(List<Candidate> candidates, Comparator<Candidate> order) {
        return candidates.stream().min(order).orElseThrow();
    }
}

package io.ccagent.queue.routing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;

/**
 * The router's meters: arrival → offer published (histogram), decision time, records published, and gauges of
 * callers waiting per queue, the longest wait per queue, open offers and the oldest open offer. The gauges read the
 * figures the routing thread last gathered, so they never touch routing state from the scrape thread.
 */
@Component
class RoutingMetrics {

    private final MeterRegistry meters;
    private final Timer latency;
    private final Timer decisions;
    private final Timer inputLag;
    private final Timer transactionSend;
    private final Timer transactionOffsets;
    private final Timer transactionCommit;
    private final MultiGauge callersWaiting;
    private final MultiGauge oldestWait;
    private final AtomicReference<RoutingLoad> last = new AtomicReference<>();
    private final Map<String, Counter> published = new ConcurrentHashMap<>();

    RoutingMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.latency = Timer.builder("cca.queue.routing.latency")
                .description("From a caller's arrival (call.Arrived time) to its first offer committed on Kafka")
                .serviceLevelObjectives(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
                        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
                        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5))
                .register(meters);
        this.decisions = Timer.builder("cca.queue.routing.decision")
                .description("Time the routing core takes for one input (event or tick), I/O excluded")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
        this.inputLag = Timer.builder("cca.queue.routing.input.lag")
                .description("From an input's own time to the router's poll returning it")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
        this.transactionSend = transactionPhase("send", meters);
        this.transactionOffsets = transactionPhase("offsets", meters);
        this.transactionCommit = transactionPhase("commit", meters);
        this.callersWaiting = MultiGauge.builder("cca.queue.callers.waiting")
                .description("Callers waiting in the queue now").register(meters);
        this.oldestWait = MultiGauge.builder("cca.queue.oldest.wait")
                .description("How long the first caller of the queue has waited").baseUnit("seconds").register(meters);
        Gauge.builder("cca.queue.offers.open", last, load -> load.get() == null ? 0 : load.get().offersOpen())
                .description("Agents ringing for a caller now").register(meters);
        Gauge.builder("cca.queue.offers.oldest.age", last,
                        load -> load.get() == null ? 0 : load.get().oldestOfferAgeSeconds())
                .description("Age of the oldest offer still ringing").baseUnit("seconds").register(meters);
    }

    /** One phase of the routing transactions: its count is the number of transactions. */
    private static Timer transactionPhase(String phase, MeterRegistry meters) {
        return Timer.builder("cca.queue.routing.transaction")
                .description("Time the routing thread spends in one phase of a routing transaction: send (begin and "
                        + "the outputs handed to the producer), offsets (sendOffsetsToTransaction), commit")
                .tag("phase", phase)
                .publishPercentiles(0.5, 0.99)
                .register(meters);
    }

    Timer decisions() {
        return decisions;
    }

    void inputLag(Duration sinceInputTime) {
        inputLag.record(sinceInputTime);
    }

    Timer transactionSend() {
        return transactionSend;
    }

    Timer transactionOffsets() {
        return transactionOffsets;
    }

    Timer transactionCommit() {
        return transactionCommit;
    }

    void offered(Duration sinceArrival) {
        latency.record(sinceArrival);
    }

    void published(String type, int count) {
        // looked up once per type: a registry lookup per published record showed in the routing thread's profile
        published.computeIfAbsent(type, t -> meters.counter("cca.queue.routing.published", "type", t))
                .increment(count);
    }

    void deadLettered(String topic) {
        meters.counter("cca.queue.routing.dead-lettered", "topic", topic).increment();
    }

    /**
     * The figures of the routing thread's latest tick. The per-queue rows read them when scraped, so the rows are
     * registered again only when the set of queues changes (registering 2 rows per queue at every tick cost the
     * routing thread thousands of meter registrations a second).
     */
    void load(RoutingLoad load) {
        RoutingLoad previous = last.getAndSet(load);
        if (previous == null || !previous.queues().keySet().equals(load.queues().keySet())) {
            callersWaiting.register(rows(load, RoutingLoad.QueueLoad::waiting), true);
            oldestWait.register(rows(load, RoutingLoad.QueueLoad::oldestWaitSeconds), true);
        }
    }

    private List<MultiGauge.Row<AtomicReference<RoutingLoad>>> rows(RoutingLoad load,
                                                                    ToDoubleFunction<RoutingLoad.QueueLoad> figure) {
        return load.queues().keySet().stream()
                .map(queue -> MultiGauge.Row.of(Tags.of("queue", queue.toString()), last, latest -> {
                    RoutingLoad.QueueLoad figures = latest.get().queues().get(queue);
                    return figures == null ? 0 : figure.applyAsDouble(figures);
                }))
                .toList();
    }
}

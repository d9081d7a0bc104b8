package io.ccagent.queue.routing;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

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
        meters.counter("cca.queue.routing.published", "type", type).increment(count);
    }

    void deadLettered(String topic) {
        meters.counter("cca.queue.routing.dead-lettered", "topic", topic).increment();
    }

    void load(RoutingLoad load) {
        last.set(load);
        callersWaiting.register(load.queues().entrySet().stream()
                .map(queue -> MultiGauge.Row.of(Tags.of("queue", queue.getKey().toString()),
                        queue.getValue().waiting()))
                .toList(), true);
        oldestWait.register(load.queues().entrySet().stream()
                .map(queue -> MultiGauge.Row.of(Tags.of("queue", queue.getKey().toString()),
                        queue.getValue().oldestWaitSeconds()))
                .toList(), true);
    }
}

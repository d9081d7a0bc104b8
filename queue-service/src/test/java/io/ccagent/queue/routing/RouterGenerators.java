package io.ccagent.queue.routing;

import io.ccagent.contracts.queue.QueueType;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.util.List;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

/** The queue-service's generators for property tests of the router. */
final class RouterGenerators {

    private RouterGenerators() {
    }

    /** One random step: which kind of thing happens ({@code 0..kinds-1}) and two numbers that pick who and what. */
    record Step(int kind, int a, int b) {
    }

    /** A tenant's queues, a seed that lays out members, phones and logins, and the steps that follow. */
    record Scenario(List<QueueType> queueTypes, long layoutSeed, List<Step> steps) {
    }

    static Gen<Scenario> scenarios(int kinds, int maxSteps) {
        return queueTypes().zip(longs().all(), steps(kinds, maxSteps), Scenario::new);
    }

    /** One to three queues of any type. */
    static Gen<List<QueueType>> queueTypes() {
        return lists().of(Generate.enumValues(QueueType.class)).ofSizeBetween(1, 3);
    }

    static Gen<List<Step>> steps(int kinds, int maxSteps) {
        Gen<Step> step = integers().between(0, kinds - 1)
                .zip(integers().between(0, 99), integers().between(0, 99), Step::new);
        return lists().of(step).ofSizeBetween(1, maxSteps);
    }
}

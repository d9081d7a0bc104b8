package io.ccagent.testkit;

import org.quicktheories.core.Gen;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.quicktheories.QuickTheory.qt;

/**
 * Runs a QuickTheories property on a number of generated cases with a seed that is always printed, so any run, green
 * or red, can be replayed: {@code -DQT_SEED=<seed>} on the Maven command line. A failing case is shrunk by
 * QuickTheories and reported with the seed.
 */
public final class PropertyCheck {

    private PropertyCheck() {
    }

    /**
     * Checks {@code property} on at least {@code cases} distinct generated values and returns how many ran.
     * QuickTheories skips a value it has already tried (the boundary cases it starts with often repeat), so it is
     * asked for a tenth more and the count is checked.
     *
     * @param shrinkCycles how many smaller candidates to try once a case fails; bounded because each try replays a
     *                     whole scenario
     */
    public static <T> int check(String name, int cases, int shrinkCycles, Gen<T> values, Consumer<T> property) {
        long seed = Long.getLong("QT_SEED", System.nanoTime());
        AtomicInteger ran = new AtomicInteger();
        try {
            qt().withFixedSeed(seed).withExamples(cases + cases / 10).withShrinkCycles(shrinkCycles)
                    .forAll(values)
                    .checkAssert(value -> {
                        ran.incrementAndGet();
                        property.accept(value);
                    });
        } catch (AssertionError failure) {
            throw new AssertionError(name + " failed; replay with -DQT_SEED=" + seed + System.lineSeparator()
                    + failure.getMessage(), failure);
        }
        System.out.printf("%s: %d cases passed (seed %d)%n", name, ran.get(), seed);
        if (ran.get() < cases) {
            throw new AssertionError(name + " ran only " + ran.get() + " distinct cases of the " + cases + " asked");
        }
        return ran.get();
    }
}

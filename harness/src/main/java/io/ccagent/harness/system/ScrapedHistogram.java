package io.ccagent.harness.system;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One histogram of a service's {@code /actuator/prometheus} text (its cumulative {@code _bucket} series). Two scrapes
 * give the quantiles of what was recorded between them, to the resolution of the buckets (a quantile is reported as
 * the upper bound of the bucket it falls in).
 */
public final class ScrapedHistogram {

    private static final Pattern BUCKET = Pattern.compile("le=\"([^\"]+)\"[^}]*}\\s+([0-9.eE+-]+)");

    private final NavigableMap<Double, Double> cumulative;

    private ScrapedHistogram(NavigableMap<Double, Double> cumulative) {
        this.cumulative = cumulative;
    }

    /** The buckets of {@code name} (as exposed, e.g. {@code cca_portal_push_latency_seconds}) in a scrape. */
    public static ScrapedHistogram of(String scrape, String name) {
        NavigableMap<Double, Double> buckets = new TreeMap<>();
        for (String line : scrape.split("\n")) {
            if (line.startsWith(name + "_bucket{")) {
                Matcher bucket = BUCKET.matcher(line);
                if (bucket.find()) {
                    double bound = bucket.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY
                            : Double.parseDouble(bucket.group(1));
                    buckets.merge(bound, Double.parseDouble(bucket.group(2)), Double::sum);
                }
            }
        }
        return new ScrapedHistogram(buckets);
    }

    /** How many observations were recorded after {@code before}. */
    public long countSince(ScrapedHistogram before) {
        return Math.round(countAt(Double.POSITIVE_INFINITY) - before.countAt(Double.POSITIVE_INFINITY));
    }

    /** The {@code quantile} (0..1) of the observations recorded after {@code before}, in milliseconds; -1 if none. */
    public long quantileMillisSince(ScrapedHistogram before, double quantile) {
        double total = countAt(Double.POSITIVE_INFINITY) - before.countAt(Double.POSITIVE_INFINITY);
        if (total <= 0) {
            return -1;
        }
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            if (bucket.getValue() - before.countAt(bucket.getKey()) >= quantile * total) {
                return bucket.getKey().isInfinite() ? Long.MAX_VALUE : Math.round(bucket.getKey() * 1000);
            }
        }
        return Long.MAX_VALUE;
    }

    private double countAt(double bound) {
        Double count = cumulative.get(bound);
        return count == null ? 0 : count;
    }
}

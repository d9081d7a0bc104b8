package io.ccagent.infra.embedded.mvstore;

import de.bwaldvogel.mongo.bson.Document;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * A query whose long {@code $in} / {@code $nin} lists of strings are looked up in hash sets. The server's matcher walks
 * such a list element by element for every document it reads; Axon's tracking read carries the id of every event it
 * saw in its look-back window ({@code eventIdentifier $nin [...]}, thousands during a backlog), and that walk was 60 %
 * of the store's time while the forwarder caught up. A document whose field is not a string is left to the server's
 * matcher, and so is everything else in the query: the answer stays exactly the server's.
 */
final class MatchPlan {

    /** Below this the server's walk costs about what hashing the list would. */
    private static final int SHORTEST_LIST = 16;

    private final Document query;
    private final List<Membership> memberships;
    private final Document rest;

    private MatchPlan(Document query, List<Membership> memberships, Document rest) {
        this.query = query;
        this.memberships = memberships;
        this.rest = rest;
    }

    static MatchPlan of(Document query) {
        List<Membership> memberships = new ArrayList<>();
        List<Document> rest = new ArrayList<>();
        split(query, memberships, rest);
        if (memberships.isEmpty()) {
            return new MatchPlan(query, List.of(), query);
        }
        Document remaining = switch (rest.size()) {
            case 0 -> null;
            case 1 -> rest.get(0);
            default -> new Document("$and", rest);
        };
        return new MatchPlan(query, List.copyOf(memberships), remaining);
    }

    boolean isFor(Document query) {
        return this.query == query;
    }

    boolean matches(Document document, BiPredicate<Document, Document> serverMatcher) {
        for (Membership membership : memberships) {
            if (!membership.matches(document, serverMatcher)) {
                return false;
            }
        }
        return rest == null || serverMatcher.test(document, rest);
    }

    /** Every part of a conjunction must hold, so a query is the {@code $and} of its fields and of its parts' fields. */
    private static void split(Document query, List<Membership> memberships, List<Document> rest) {
        if (query.keySet().stream().anyMatch(key -> key.startsWith("$") && !key.equals("$and"))) {
            rest.add(query); // $or, $nor, $expr, ... stay whole
            return;
        }
        query.forEach((field, condition) -> {
            if (field.equals("$and") && condition instanceof List<?> parts
                    && parts.stream().allMatch(Document.class::isInstance)) {
                parts.forEach(part -> split((Document) part, memberships, rest));
            } else {
                Membership membership = Membership.of(field, condition);
                if (membership != null) {
                    memberships.add(membership);
                } else {
                    rest.add(new Document(field, condition));
                }
            }
        });
    }

    private record Membership(String field, boolean negated, Set<String> values, Document asQuery) {

        static Membership of(String field, Object condition) {
            if (field.startsWith("$") || field.contains(".") || !(condition instanceof Document operator)
                    || operator.size() != 1) {
                return null;
            }
            Map.Entry<String, Object> only = operator.entrySet().iterator().next();
            boolean negated = only.getKey().equals("$nin");
            if (!(negated || only.getKey().equals("$in")) || !(only.getValue() instanceof List<?> list)
                    || list.size() < SHORTEST_LIST || !list.stream().allMatch(String.class::isInstance)) {
                return null;
            }
            Set<String> values = new HashSet<>();
            list.forEach(value -> values.add((String) value));
            return new Membership(field, negated, values, new Document(field, condition));
        }

        boolean matches(Document document, BiPredicate<Document, Document> serverMatcher) {
            // a string equals only an equal string; arrays, nulls and missing fields keep the server's rules
            return document.get(field) instanceof String value
                    ? values.contains(value) != negated
                    : serverMatcher.test(document, asQuery);
        }
    }
}

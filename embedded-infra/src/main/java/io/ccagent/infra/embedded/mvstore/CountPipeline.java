package io.ccagent.infra.embedded.mvstore;

import de.bwaldvogel.mongo.bson.Document;

import java.util.List;
import java.util.Optional;

/**
 * The aggregation the Java driver sends for {@code countDocuments}: {@code $match}, optionally {@code $skip} and
 * {@code $limit}, then {@code $group {_id: 1, n: {$sum: 1}}}. The server runs every aggregation over the whole
 * collection; as a {@code count} command the same question is answered from an index.
 */
record CountPipeline(String collection, Document match, int skip, int limit) {

    private static final Document GROUP_ALL = new Document("_id", 1).append("n", new Document("$sum", 1));

    /** The count this {@code aggregate} command asks for; empty for any other command or pipeline. */
    static Optional<CountPipeline> of(String command, Document query) {
        if (!command.equals("aggregate") || !(query.get("aggregate") instanceof String collection)
                || !(query.get("pipeline") instanceof List<?> stages) || stages.size() < 2 || stages.size() > 4
                || !stages.stream().allMatch(stage -> stage instanceof Document only && only.size() == 1)
                || !(stage(stages, 0).get("$match") instanceof Document match)
                || !GROUP_ALL.equals(stage(stages, stages.size() - 1).get("$group"))) {
            return Optional.empty();
        }
        int skip = 0;
        int limit = 0;
        for (Object middle : stages.subList(1, stages.size() - 1)) {
            Document stage = (Document) middle;
            if (stage.get("$skip") instanceof Number value && skip == 0 && limit == 0) {
                skip = value.intValue();
            } else if (stage.get("$limit") instanceof Number value && limit == 0) {
                limit = value.intValue();
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(new CountPipeline(collection, match, skip, limit));
    }

    private static Document stage(List<?> stages, int index) {
        return (Document) stages.get(index);
    }

    /** The aggregation's answer for {@code n} matches: one group, or none when nothing matched. */
    static Document answer(String namespace, int n) {
        List<Document> groups = n == 0 ? List.of() : List.of(new Document("_id", 1).append("n", n));
        return new Document("cursor", new Document("id", 0L).append("ns", namespace).append("firstBatch", groups))
                .append("ok", 1.0);
    }
}

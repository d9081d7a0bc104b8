package io.ccagent.infra.embedded.mvstore;

import de.bwaldvogel.mongo.bson.Document;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/** An index that can hand out the positions a query may match lazily, already in the order the query asks for. */
interface OrderedIndex {

    /** Empty when this index cannot answer the query in that order (or a plain look-up serves it better). */
    Optional<Stream<Object>> positionsInOrder(Document query, Document orderBy);

    /**
     * How many of this index's keys the query fixes by equality when read in that order (the more, the fewer
     * documents read); -1 when it cannot answer the query in that order.
     */
    int keysFixed(Document query, Document orderBy);

    /** How many documents match, when this index's entries alone say so; empty when documents must be read. */
    OptionalLong exactCount(Document query);
}

package io.ccagent.stats.ingest;

import io.ccagent.contracts.call.CallAbandoned;
import io.ccagent.contracts.call.CallAnswered;
import io.ccagent.contracts.call.CallArrived;
import io.ccagent.contracts.call.CallEnded;
import io.ccagent.contracts.call.OutboundPlaced;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.stats.store.Keys;
import org.bson.Document;

import java.util.Comparator;
import java.util.List;

/**
 * What is known about one call: at most one fact of each kind, the earliest by (event time, event id). Merging is
 * commutative and idempotent, so the record ends the same whatever order or how often its events are applied;
 * every figure derived from it is recomputed from the whole record, never incremented.
 */
final class CallRecord {

    static final String ARRIVED = "arr";
    static final String ANSWERED = "ans";
    static final String ENDED = "end";
    static final String ABANDONED = "abd";
    static final String OUTBOUND = "out";
    private static final List<String> FACTS = List.of(ARRIVED, ANSWERED, ENDED, ABANDONED, OUTBOUND);
    private static final Comparator<Document> EARLIEST = Comparator
            .comparingLong((Document fact) -> fact.getLong("t"))
            .thenComparing(fact -> fact.getString("id"));

    private final String id;
    private final String tenant;
    private final String call;
    private final Document stored;
    private final Document facts = new Document();

    private CallRecord(String tenant, String call, Document stored) {
        this.id = Keys.call(tenant, call);
        this.tenant = tenant;
        this.call = call;
        this.stored = stored == null ? new Document() : stored;
        FACTS.forEach(kind -> {
            Object fact = this.stored.get(kind);
            if (fact instanceof Document document) {
                facts.put(kind, document);
            }
        });
    }

    static CallRecord of(String tenant, String call, Document stored) {
        return new CallRecord(tenant, call, stored);
    }

    static boolean isLifecycle(Envelope envelope) {
        return envelope.data() instanceof CallArrived || envelope.data() instanceof CallAnswered
                || envelope.data() instanceof CallEnded || envelope.data() instanceof CallAbandoned
                || envelope.data() instanceof OutboundPlaced;
    }

    String id() {
        return id;
    }

    String call() {
        return call;
    }

    void merge(Envelope envelope) {
        Document fact = new Document("t", envelope.time().toEpochMilli()).append("id", envelope.id().toString());
        String kind;
        if (envelope.data() instanceof CallArrived arrived) {
            fact.append("from", arrived.from()).append("name", arrived.fromName()).append("to", arrived.to())
                    .append("q", text(arrived.queue())).append("ag", text(arrived.agent()))
                    .append("org", arrived.origin().name());
            kind = ARRIVED;
        } else if (envelope.data() instanceof CallAnswered answered) {
            fact.append("ag", answered.agent().toString()).append("q", text(answered.queue()));
            kind = ANSWERED;
        } else if (envelope.data() instanceof CallEnded ended) {
            fact.append("cause", ended.cause().name());
            kind = ENDED;
        } else if (envelope.data() instanceof CallAbandoned) {
            kind = ABANDONED;
        } else if (envelope.data() instanceof OutboundPlaced placed) {
            fact.append("ag", placed.agent().toString()).append("to", placed.to()).append("name", placed.toName());
            kind = OUTBOUND;
        } else {
            throw new IllegalArgumentException("not a call lifecycle event: " + envelope.type());
        }
        Document known = fact(kind);
        if (known == null || EARLIEST.compare(fact, known) < 0) {
            facts.put(kind, fact);
        }
    }

    /** The agent whose statistics and history this call belongs to, once known. */
    String agent() {
        Document arrived = fact(ARRIVED);
        if (arrived != null) {
            if (arrived.getString("ag") != null) {
                return arrived.getString("ag");
            }
            Document answered = fact(ANSWERED);
            return answered == null ? null : answered.getString("ag");
        }
        Document outbound = fact(OUTBOUND);
        return outbound == null ? null : outbound.getString("ag");
    }

    /** When the call began (arrival or placement); null until that fact is known. */
    Long start() {
        Document begin = fact(ARRIVED) != null ? fact(ARRIVED) : fact(OUTBOUND);
        return begin == null ? null : begin.getLong("t");
    }

    String queue() {
        Document arrived = fact(ARRIVED);
        return arrived == null ? null : arrived.getString("q");
    }

    /** The row of the agent's history: {t, d, o, q, n, nm, a, tk, oc}. */
    Document agentEntry() {
        Document arrived = fact(ARRIVED);
        Document outbound = fact(OUTBOUND);
        boolean inbound = arrived != null;
        Document begin = inbound ? arrived : outbound;
        String origin = !inbound ? null
                : arrived.getString("q") != null ? "QUEUE"
                : "INTERNAL".equals(arrived.getString("org")) ? "INTERNAL" : "DIRECT_EXTERNAL";
        return new Document("t", begin.getLong("t"))
                .append("d", inbound ? "INBOUND" : "OUTBOUND")
                .append("o", origin)
                .append("q", queue())
                .append("n", inbound ? arrived.getString("from") : outbound.getString("to"))
                .append("nm", inbound ? arrived.getString("name") : outbound.getString("name"))
                .append("a", fact(ANSWERED) != null)
                .append("tk", talkSeconds())
                .append("oc", outcome(inbound));
    }

    /** The row of the queue's hour: {t, a, w, tk, ab}. */
    Document queueEntry() {
        Document arrived = fact(ARRIVED);
        Document answered = fact(ANSWERED);
        return new Document("t", arrived.getLong("t"))
                .append("a", answered != null)
                .append("w", answered == null ? null : Math.max(0, answered.getLong("t") - arrived.getLong("t")))
                .append("tk", talkSeconds())
                .append("ab", answered == null && fact(ABANDONED) != null);
    }

    /** The queue this caller is still waiting in, or null. */
    String waitingIn() {
        boolean over = fact(ANSWERED) != null || fact(ABANDONED) != null || fact(ENDED) != null;
        return over ? null : queue();
    }

    private Long talkSeconds() {
        Document answered = fact(ANSWERED);
        Document ended = fact(ENDED);
        if (answered == null || ended == null) {
            return null;
        }
        return Math.max(0, ended.getLong("t") - answered.getLong("t")) / 1000;
    }

    private String outcome(boolean inbound) {
        boolean over = fact(ENDED) != null || fact(ABANDONED) != null;
        if (fact(ANSWERED) != null) {
            return fact(ENDED) != null ? "ANSWERED" : "IN_PROGRESS";
        }
        if (!over) {
            return "IN_PROGRESS";
        }
        return inbound ? "MISSED" : "NO_ANSWER";
    }

    long lastEventTime() {
        return facts.values().stream().mapToLong(fact -> ((Document) fact).getLong("t")).max().orElse(0);
    }

    String storedAgentDay() {
        return stored.getString("ad");
    }

    String storedQueueHour() {
        return stored.getString("qh");
    }

    String storedWaitingQueue() {
        return stored.getString("wq");
    }

    Document toDocument(String agentDay, String queueHour, String waitingQueue) {
        Document document = new Document("_id", id).append("tn", tenant).append("call", call);
        document.putAll(facts);
        return document.append("last", lastEventTime()).append("ad", agentDay).append("qh", queueHour)
                .append("wq", waitingQueue);
    }

    private Document fact(String kind) {
        return (Document) facts.get(kind);
    }

    private static String text(Object id) {
        return id == null ? null : id.toString();
    }
}

package io.ccagent.stats.ingest;

import io.ccagent.contracts.call.CallAbandoned;
import io.ccagent.contracts.call.CallAnswered;
import io.ccagent.contracts.call.CallArrived;
import io.ccagent.contracts.call.CallEnded;
import io.ccagent.contracts.call.OutboundPlaced;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.stats.store.Keys;
import io.ccagent.stats.store.Rows.AgentCall;
import io.ccagent.stats.store.Rows.Call;
import io.ccagent.stats.store.Rows.Fact;
import io.ccagent.stats.store.Rows.QueueCall;
import org.bson.Document;

import java.util.Comparator;
import java.util.List;

import static io.ccagent.stats.store.Rows.Call.ABANDONED;
import static io.ccagent.stats.store.Rows.Call.ANSWERED;
import static io.ccagent.stats.store.Rows.Call.ARRIVED;
import static io.ccagent.stats.store.Rows.Call.ENDED;
import static io.ccagent.stats.store.Rows.Call.OUTBOUND;

/**
 * What is known about one call: at most one fact of each kind, the earliest by (event time, event id). Merging is
 * commutative and idempotent, so the record ends the same whatever order or how often its events are applied;
 * every figure derived from it is recomputed from the whole record, never incremented.
 */
final class CallRecord {

    private static final List<String> FACTS = List.of(ARRIVED, ANSWERED, ENDED, ABANDONED, OUTBOUND);
    private static final Comparator<Document> EARLIEST = Comparator
            .comparingLong((Document fact) -> fact.getLong(Fact.TIME))
            .thenComparing(fact -> fact.getString(Fact.EVENT));

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
        Document fact = new Document(Fact.TIME, envelope.time().toEpochMilli()).append(Fact.EVENT, envelope.id().toString());
        String kind;
        if (envelope.data() instanceof CallArrived arrived) {
            fact.append(Fact.FROM, arrived.from()).append(Fact.NAME, arrived.fromName()).append(Fact.TO, arrived.to())
                    .append(Fact.QUEUE, text(arrived.queue())).append(Fact.AGENT, text(arrived.agent()))
                    .append(Fact.ORIGIN, arrived.origin().name());
            kind = ARRIVED;
        } else if (envelope.data() instanceof CallAnswered answered) {
            fact.append(Fact.AGENT, answered.agent().toString()).append(Fact.QUEUE, text(answered.queue()));
            kind = ANSWERED;
        } else if (envelope.data() instanceof CallEnded ended) {
            fact.append(Fact.CAUSE, ended.cause().name());
            kind = ENDED;
        } else if (envelope.data() instanceof CallAbandoned) {
            kind = ABANDONED;
        } else if (envelope.data() instanceof OutboundPlaced placed) {
            fact.append(Fact.AGENT, placed.agent().toString()).append(Fact.TO, placed.to()).append(Fact.NAME, placed.toName());
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
            if (arrived.getString(Fact.AGENT) != null) {
                return arrived.getString(Fact.AGENT);
            }
            Document answered = fact(ANSWERED);
            return answered == null ? null : answered.getString(Fact.AGENT);
        }
        Document outbound = fact(OUTBOUND);
        return outbound == null ? null : outbound.getString(Fact.AGENT);
    }

    /** When the call began (arrival or placement); null until that fact is known. */
    Long start() {
        Document begin = fact(ARRIVED) != null ? fact(ARRIVED) : fact(OUTBOUND);
        return begin == null ? null : begin.getLong(Fact.TIME);
    }

    String queue() {
        Document arrived = fact(ARRIVED);
        return arrived == null ? null : arrived.getString(Fact.QUEUE);
    }

    /** The call as the agent's statistics and history see it. */
    Document agentEntry() {
        Document arrived = fact(ARRIVED);
        Document outbound = fact(OUTBOUND);
        boolean inbound = arrived != null;
        Document begin = inbound ? arrived : outbound;
        String origin = !inbound ? null
                : arrived.getString(Fact.QUEUE) != null ? "QUEUE"
                : "INTERNAL".equals(arrived.getString(Fact.ORIGIN)) ? "INTERNAL" : "DIRECT_EXTERNAL";
        return new Document(AgentCall.TIME, begin.getLong(Fact.TIME))
                .append(AgentCall.DIRECTION, inbound ? "INBOUND" : "OUTBOUND")
                .append(AgentCall.ORIGIN, origin)
                .append(AgentCall.QUEUE, queue())
                .append(AgentCall.NUMBER, inbound ? arrived.getString(Fact.FROM) : outbound.getString(Fact.TO))
                .append(AgentCall.NAME, inbound ? arrived.getString(Fact.NAME) : outbound.getString(Fact.NAME))
                .append(AgentCall.ANSWERED, fact(ANSWERED) != null)
                .append(AgentCall.TALK_SECONDS, talkSeconds())
                .append(AgentCall.OUTCOME, outcome(inbound));
    }

    /** The call as the queue's wallboard sees it. */
    Document queueEntry() {
        Document arrived = fact(ARRIVED);
        Document answered = fact(ANSWERED);
        return new Document(QueueCall.TIME, arrived.getLong(Fact.TIME))
                .append(QueueCall.ANSWERED, answered != null)
                .append(QueueCall.WAIT_MILLIS, answered == null ? null
                        : Math.max(0, answered.getLong(Fact.TIME) - arrived.getLong(Fact.TIME)))
                .append(QueueCall.TALK_SECONDS, talkSeconds())
                .append(QueueCall.ABANDONED, answered == null && fact(ABANDONED) != null)
                .append(QueueCall.OVER, waitingIn() == null);
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
        return Math.max(0, ended.getLong(Fact.TIME) - answered.getLong(Fact.TIME)) / 1000;
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
        return facts.values().stream().mapToLong(fact -> ((Document) fact).getLong(Fact.TIME)).max().orElse(0);
    }

    String storedAgentHour() {
        return stored.getString(Call.AGENT_HOUR);
    }

    String storedQueueHour() {
        return stored.getString(Call.QUEUE_HOUR);
    }

    String storedWaitingQueue() {
        return stored.getString(Call.WAITING_IN);
    }

    Document toDocument(String agentHour, String queueHour, String waitingQueue) {
        Document document = new Document("_id", id).append(Call.TENANT, tenant).append(Call.CALL, call);
        document.putAll(facts);
        return document.append(Call.LAST_EVENT, lastEventTime()).append(Call.AGENT_HOUR, agentHour)
                .append(Call.QUEUE_HOUR, queueHour).append(Call.WAITING_IN, waitingQueue);
    }

    private Document fact(String kind) {
        return (Document) facts.get(kind);
    }

    private static String text(Object id) {
        return id == null ? null : id.toString();
    }
}

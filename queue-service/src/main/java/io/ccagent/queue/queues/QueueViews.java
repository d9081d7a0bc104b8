package io.ccagent.queue.queues;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.contracts.queue.QueueConfigured;
import io.ccagent.contracts.queue.QueueMemberAdded;
import io.ccagent.contracts.queue.QueueMemberRemoved;
import io.ccagent.contracts.queue.QueueMemberUpdated;
import io.ccagent.contracts.queue.QueueType;
import io.ccagent.contracts.queue.UnansweredAction;
import io.ccagent.queue.callers.CallerRows;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The queue settings and member list as the portal shows them. Updated by a subscribing processor, in the same unit
 * of work as the command, so a PUT answers with (and a following GET reads) what it just stored.
 */
@Component
@ProcessingGroup(QueueViews.PROCESSING_GROUP)
class QueueViews {

    static final String PROCESSING_GROUP = "queue-views";

    record MemberView(String device, String agent, int priority, int order, int tier) {
    }

    record QueueView(String queue, String extension, String name, QueueType type, String typeLabel,
                     int wrapUpSeconds, int agentRingTimeoutSeconds, int queueRingTimeoutSeconds,
                     UnansweredAction unansweredAction, String unansweredTarget, String timeZone,
                     long callersWaiting, List<MemberView> members) {
    }

    private final MongoCollection<Document> views;
    private final CallerRows callers;

    QueueViews(MongoDatabase database, CallerRows callers) {
        this.views = database.getCollection("queue_views");
        this.callers = callers;
        views.createIndex(Indexes.ascending("tenant", "extension"));
    }

    @EventHandler
    void on(QueueConfigured event) {
        Document view = find(event.queue()).orElseGet(() -> new Document("_id", event.queue().toString())
                .append("members", new ArrayList<Document>()));
        view.append("tenant", event.tenant().domain())
                .append("extension", event.queue().extension())
                .append("name", event.name())
                .append("type", event.type().name())
                .append("wrapUpSeconds", event.wrapUpSeconds())
                .append("agentRingTimeoutSeconds", event.agentRingTimeoutSeconds())
                .append("queueRingTimeoutSeconds", event.queueRingTimeoutSeconds())
                .append("unansweredAction", event.unansweredAction().name())
                .append("unansweredTarget", event.unansweredTarget())
                .append("timeZone", event.timeZone());
        save(view);
    }

    @EventHandler
    void on(QueueMemberAdded event) {
        putMember(event.queue(), event.device(), new Document("device", event.device().toString())
                .append("agent", event.agent().toString()).append("priority", event.priority())
                .append("order", event.order()).append("tier", event.tier()));
    }

    @EventHandler
    void on(QueueMemberUpdated event) {
        putMember(event.queue(), event.device(), new Document("device", event.device().toString())
                .append("agent", event.agent().toString()).append("priority", event.priority())
                .append("order", event.order()).append("tier", event.tier()));
    }

    @EventHandler
    void on(QueueMemberRemoved event) {
        find(event.queue()).ifPresent(view -> {
            members(view).removeIf(member -> member.getString("device").equals(event.device().toString()));
            save(view);
        });
    }

    Optional<QueueView> view(QueueId queue) {
        return find(queue).map(this::toView);
    }

    List<QueueView> of(Tenant tenant) {
        List<QueueView> result = new ArrayList<>();
        for (Document view : views.find(Filters.eq("tenant", tenant.domain())).sort(Sorts.ascending("extension"))) {
            result.add(toView(view));
        }
        return result;
    }

    private void putMember(QueueId queue, DeviceId device, Document member) {
        find(queue).ifPresent(view -> {
            List<Document> members = members(view);
            members.removeIf(existing -> existing.getString("device").equals(device.toString()));
            members.add(member);
            save(view);
        });
    }

    private Optional<Document> find(QueueId queue) {
        return Optional.ofNullable(views.find(Filters.eq("_id", queue.toString())).first());
    }

    private void save(Document view) {
        views.replaceOne(Filters.eq("_id", view.get("_id")), view, new ReplaceOptions().upsert(true));
    }

    private static List<Document> members(Document view) {
        return view.getList("members", Document.class);
    }

    private QueueView toView(Document view) {
        QueueId queue = QueueId.parse(view.getString("_id"));
        QueueType type = QueueType.valueOf(view.getString("type"));
        List<MemberView> members = members(view).stream()
                .map(m -> new MemberView(m.getString("device"), m.getString("agent"), m.getInteger("priority"),
                        m.getInteger("order"), m.getInteger("tier")))
                .sorted(Comparator.comparingInt(MemberView::order).thenComparing(MemberView::device))
                .toList();
        return new QueueView(queue.toString(), queue.extension(), view.getString("name"), type, type.label(),
                view.getInteger("wrapUpSeconds"), view.getInteger("agentRingTimeoutSeconds"),
                view.getInteger("queueRingTimeoutSeconds"), UnansweredAction.valueOf(view.getString("unansweredAction")),
                view.getString("unansweredTarget"), view.getString("timeZone"), callers.waitingIn(queue), members);
    }
}

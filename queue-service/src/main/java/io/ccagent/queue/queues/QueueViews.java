package io.ccagent.queue.queues;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.contracts.queue.QueueConfigured;
import io.ccagent.contracts.queue.QueueDeleted;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The queue settings and member list as the portal shows them. Updated by a subscribing processor, in the same unit
 * of work as the command, so a PUT answers with (and a following GET reads) what it just stored. Beside the views, one
 * row per tenant lists its queues, so listing a tenant reads its row and then its views by {@code _id} instead of
 * scanning the views (the embedded store scans for any filter that is not on {@code _id}).
 */
@Component
@ProcessingGroup(QueueViews.PROCESSING_GROUP)
class QueueViews {

    static final String PROCESSING_GROUP = "queue-views";

    record MemberView(String device, String agent, int priority, int order, int tier) {
    }

    /** Where a phone is a member, and for whom. */
    record PhoneHolder(String queue, String agent) {
    }

    /** {@code members} is left out of a listing that did not ask for it (null, and absent from the JSON). */
    record QueueView(String queue, String extension, String name, QueueType type, String typeLabel,
                     int wrapUpSeconds, int agentRingTimeoutSeconds, int queueRingTimeoutSeconds,
                     UnansweredAction unansweredAction, String unansweredTarget, String timeZone,
                     long callersWaiting, @JsonInclude(JsonInclude.Include.NON_NULL) List<MemberView> members) {
    }

    private final MongoCollection<Document> views;
    private final MongoCollection<Document> tenants;
    private final CallerRows callers;

    QueueViews(MongoDatabase database, CallerRows callers) {
        this.views = database.getCollection("queue_views");
        this.tenants = database.getCollection("queue_tenants");
        this.callers = callers;
        listStoredViews();
    }

    /** Views stored before the tenant rows existed get listed; adding a listed queue again changes nothing. */
    private void listStoredViews() {
        Map<String, List<String>> byTenant = new HashMap<>();
        for (Document view : views.find().projection(Projections.include("tenant"))) {
            byTenant.computeIfAbsent(view.getString("tenant"), tenant -> new ArrayList<>()).add(view.getString("_id"));
        }
        byTenant.forEach((tenant, queues) -> tenants.updateOne(Filters.eq("_id", tenant),
                Updates.addEachToSet("queues", queues), new UpdateOptions().upsert(true)));
    }

    /** Listed before its view is stored: a crash in between leaves a listed queue without a view, which reads skip. */
    @EventHandler
    void on(QueueConfigured event) {
        list(event.tenant().domain(), event.queue().toString());
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

    @EventHandler
    void on(QueueDeleted event) {
        views.deleteOne(Filters.eq("_id", event.queue().toString()));
        tenants.updateOne(Filters.eq("_id", event.queue().tenant().domain()),
                Updates.pull("queues", event.queue().toString()));
    }

    /** A queue of the tenant that has this phone as a member for another agent than {@code agent}, if any. */
    Optional<PhoneHolder> memberForAnotherAgent(Tenant tenant, DeviceId device, AgentId agent) {
        for (Document view : viewsOf(tenant, true)) {
            for (Document member : members(view)) {
                if (member.getString("device").equals(device.toString())
                        && !member.getString("agent").equals(agent.toString())) {
                    return Optional.of(new PhoneHolder(view.getString("_id"), member.getString("agent")));
                }
            }
        }
        return Optional.empty();
    }

    Optional<QueueView> view(QueueId queue) {
        return find(queue).map(view -> toView(view, callers.waitingIn(List.of(queue)).getOrDefault(queue, 0L), true));
    }

    /**
     * The tenant's queues by extension, with their callers waiting counted in one query for all of them; without
     * {@code withMembers}, the stored member lists are not even read (a wallboard or an agent's My Queues needs the
     * settings, and a large tenant's lists hold thousands of members).
     */
    List<QueueView> of(Tenant tenant, boolean withMembers) {
        List<Document> found = viewsOf(tenant, withMembers);
        found.sort(Comparator.comparing(view -> view.getString("extension")));
        Map<QueueId, Long> waiting = callers.waitingIn(found.stream().map(QueueViews::id).toList());
        return found.stream().map(view -> toView(view, waiting.getOrDefault(id(view), 0L), withMembers)).toList();
    }

    private List<Document> viewsOf(Tenant tenant, boolean withMembers) {
        Document listed = tenants.find(Filters.eq("_id", tenant.domain())).first();
        List<String> queues = listed == null ? List.of() : listed.getList("queues", String.class);
        if (queues.isEmpty()) {
            return new ArrayList<>();
        }
        FindIterable<Document> found = views.find(Filters.in("_id", queues));
        return (withMembers ? found : found.projection(Projections.exclude("members"))).into(new ArrayList<>());
    }

    private void list(String tenant, String queue) {
        tenants.updateOne(Filters.eq("_id", tenant), Updates.addToSet("queues", queue),
                new UpdateOptions().upsert(true));
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

    private static QueueId id(Document view) {
        return QueueId.parse(view.getString("_id"));
    }

    private static QueueView toView(Document view, long callersWaiting, boolean withMembers) {
        QueueId queue = id(view);
        QueueType type = QueueType.valueOf(view.getString("type"));
        List<MemberView> members = !withMembers ? null : members(view).stream()
                .map(m -> new MemberView(m.getString("device"), m.getString("agent"), m.getInteger("priority"),
                        m.getInteger("order"), m.getInteger("tier")))
                .sorted(Comparator.comparingInt(MemberView::order).thenComparing(MemberView::device))
                .toList();
        return new QueueView(queue.toString(), queue.extension(), view.getString("name"), type, type.label(),
                view.getInteger("wrapUpSeconds"), view.getInteger("agentRingTimeoutSeconds"),
                view.getInteger("queueRingTimeoutSeconds"), UnansweredAction.valueOf(view.getString("unansweredAction")),
                view.getString("unansweredTarget"), view.getString("timeZone"), callersWaiting, members);
    }
}

package io.ccagent.queue.callers;

import io.ccagent.badinput.http.BadRequest;
import io.ccagent.badinput.http.Forbidden;
import io.ccagent.badinput.http.NotFound;
import io.ccagent.contracts.Topics;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.contracts.queue.CallerPicked;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.contracts.wire.EnvelopeCodec;
import io.ccagent.contracts.wire.TypeHeader;
import io.ccagent.identity.Actor;
import io.ccagent.identity.Role;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

@RestController
class CallersController {

    record CallerView(String call, String callerNumber, String callerName, int position, Instant since,
                      long waitingSeconds) {
    }

    record Pick(String agent, String device) {
    }

    private final CallerRows rows;
    private final KafkaTemplate<String, byte[]> kafka;
    private final EnvelopeCodec codec;
    private final Clock clock;

    CallersController(CallerRows rows, KafkaTemplate<String, byte[]> kafka, EnvelopeCodec codec, Clock clock) {
        this.rows = rows;
        this.kafka = kafka;
        this.codec = codec;
        this.clock = clock;
    }

    @GetMapping("/tenants/{tenant}/queues/{ext}/callers")
    List<CallerView> callers(@PathVariable String tenant, @PathVariable String ext) {
        Instant now = clock.instant();
        List<CallerView> result = new ArrayList<>();
        for (CallerRows.Caller caller : rows.waiting(QueueId.of(ext, Tenant.of(tenant)))) {
            result.add(new CallerView(caller.call(), caller.callerNumber(), caller.callerName(), result.size() + 1,
                    caller.since(), Math.max(0, Duration.between(caller.since(), now).toSeconds())));
        }
        return result;
    }

    /** Call park: the agent takes this caller. The router of the tenant offers it if the agent is available. */
    @PostMapping("/tenants/{tenant}/queues/{ext}/callers/{call}/pick")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void pick(@PathVariable String tenant, @PathVariable String ext, @PathVariable String call,
              @RequestBody Pick pick, Actor actor)
            throws InterruptedException, ExecutionException {
        Tenant owner = Tenant.of(tenant);
        QueueId queue = QueueId.of(ext, owner);
        if (pick.agent() == null || pick.device() == null) {
            throw new BadRequest("agent and device are required");
        }
        AgentId agent = AgentId.parse(pick.agent());
        DeviceId device = pick.device().contains("@") ? DeviceId.parse(pick.device()) : DeviceId.of(pick.device(), owner);
        if (!agent.tenant().equals(owner) || !device.tenant().equals(owner)) {
            throw new BadRequest("agent and device must belong to tenant " + owner);
        }
        if (actor.role() == Role.AGENT && !agent.toString().equalsIgnoreCase(actor.login())) {
            throw new Forbidden("agent " + actor.login() + " may pick callers only for itself");
        }
        CallId callId = CallId.of(call);
        if (!rows.isWaiting(queue, callId)) {
            throw new NotFound("no caller " + call + " is waiting in queue " + queue);
        }
        CallerPicked picked = new CallerPicked(queue, callId, agent, device, actor.login());
        Envelope envelope = Envelope.of(UUID.randomUUID(), clock.instant(), null, picked);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.of(picked), envelope.key(),
                codec.encode(envelope));
        record.headers().add(TypeHeader.NAME, TypeHeader.valueOf(envelope));
        kafka.send(record).get();
    }
}

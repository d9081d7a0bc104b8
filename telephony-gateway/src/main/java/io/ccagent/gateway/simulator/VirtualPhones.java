package io.ccagent.gateway.simulator;

import io.ccagent.contracts.call.CallAbandoned;
import io.ccagent.contracts.call.CallAnswered;
import io.ccagent.contracts.call.CallArrived;
import io.ccagent.contracts.call.CallEnded;
import io.ccagent.contracts.call.CallOrigin;
import io.ccagent.contracts.call.CallRinging;
import io.ccagent.contracts.call.DeviceRegistered;
import io.ccagent.contracts.call.EndCause;
import io.ccagent.contracts.call.NoAnswerReason;
import io.ccagent.contracts.call.OfferNotAnswered;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.contracts.queue.UnansweredAction;
import io.ccagent.contracts.routing.ApplyUnansweredAction;
import io.ccagent.contracts.routing.CancelOffer;
import io.ccagent.contracts.routing.OfferCall;
import io.ccagent.contracts.routing.OfferTarget;
import io.ccagent.gateway.config.GatewayProperties;
import io.ccagent.gateway.devices.DeviceDirectory;
import io.ccagent.gateway.events.CallEventPublisher;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.springframework.stereotype.Component;

/**
 * Simulated callers and virtual phones, all as events (no SIP): callers arrive in queues, wait, sometimes give up;
 * virtual phones register, ring when offered, answer after a short random delay (or not at all), talk for a random
 * time and hang up. Only calls it created itself are handled here; real SIP calls never reach it.
 */
@Component
public class VirtualPhones {

    private static final Duration REGISTRATION = Duration.ofHours(1);
    private static final Duration PATIENCE_LIMIT = Duration.ofMinutes(10);

    private final CallEventPublisher events;
    private final DeviceDirectory devices;
    private final ScheduledExecutorService timers;
    private final Clock clock;
    private final RandomGenerator random;
    private final GatewayProperties.Simulator config;
    private final Map<CallId, SimulatedCall> calls = new ConcurrentHashMap<>();

    VirtualPhones(CallEventPublisher events, DeviceDirectory devices, ScheduledExecutorService timers, Clock clock,
                  RandomGenerator random, GatewayProperties properties) {
        this.events = events;
        this.devices = devices;
        this.timers = timers;
        this.clock = clock;
        this.random = random;
        this.config = properties.simulator();
    }

    /** A caller waiting in a queue; its fields are guarded by its own monitor. */
    private static final class SimulatedCall {
        final CallId id;
        final QueueId queue;
        final Map<DeviceId, ScheduledFuture<?>> ringing = new HashMap<>();
        boolean answered;
        boolean over;
        ScheduledFuture<?> patience;

        SimulatedCall(CallId id, QueueId queue) {
            this.id = id;
            this.queue = queue;
        }
    }

    /** Announces every virtual phone of {@code tenant} as registered for the next hour. */
    void registerPhones(Tenant tenant) {
        for (var credential : devices.devicesOf(tenant)) {
            if (config.devices().isEmpty() || config.devices().contains(credential.device().name())) {
                events.publish(new DeviceRegistered(tenant, credential.device(), credential.agent(),
                        "virtual:" + credential.device().name(), clock.instant().plus(REGISTRATION)));
            }
        }
    }

    /** One simulated outside caller arrives in {@code queue}; some will hang up if nobody answers in time. */
    void callArrives(QueueId queue, CallId id) {
        SimulatedCall call = new SimulatedCall(id, queue);
        calls.put(id, call);
        String number = "+1555" + (1_000_000 + random.nextInt(9_000_000));
        events.publish(new CallArrived(queue.tenant(), id, number, null, queue.extension(), queue, null,
                CallOrigin.EXTERNAL));
        // Impatient callers hang up after 5-45 s; the others after 10 minutes at most, so no caller waits forever.
        long patienceMillis = random.nextDouble() < config.abandonProbability()
                ? 5_000 + random.nextLong(40_000) : PATIENCE_LIMIT.toMillis();
        synchronized (call) {
            call.patience = timers.schedule(() -> abandon(call), patienceMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** Handles the offer if the call is simulated; false leaves it to the SIP side. */
    public boolean offer(OfferCall offer) {
        SimulatedCall call = calls.get(offer.call());
        if (call == null) {
            return false;
        }
        synchronized (call) {
            if (call.over || call.answered) {
                return true;
            }
            for (OfferTarget target : offer.targets()) {
                if (call.ringing.containsKey(target.device())) {
                    continue;
                }
                events.publish(new CallRinging(offer.tenant(), call.id, target.device(), target.agent(), call.queue));
                boolean answers = random.nextDouble() >= config.noAnswerProbability();
                long delay = answers
                        ? 500 + random.nextLong(Math.max(1, config.answerDelayMax().toMillis()))
                        : offer.ringTimeoutSeconds() * 1000L;
                call.ringing.put(target.device(), timers.schedule(
                        () -> ringOver(call, target, answers), delay, TimeUnit.MILLISECONDS));
            }
        }
        return true;
    }

    public void cancel(CancelOffer cancel) {
        SimulatedCall call = calls.get(cancel.call());
        if (call == null) {
            return;
        }
        synchronized (call) {
            for (DeviceId device : cancel.devices()) {
                ScheduledFuture<?> ring = call.ringing.remove(device);
                if (ring != null) {
                    ring.cancel(false);
                }
            }
        }
    }

    public boolean applyUnansweredAction(ApplyUnansweredAction action) {
        SimulatedCall call = calls.get(action.call());
        if (call == null) {
            return false;
        }
        synchronized (call) {
            if (!call.over && !call.answered) {
                end(call, action.action() == UnansweredAction.FORWARD ? EndCause.FORWARDED : EndCause.VOICEMAIL);
            }
        }
        return true;
    }

    private void ringOver(SimulatedCall call, OfferTarget target, boolean answers) {
        synchronized (call) {
            if (call.ringing.remove(target.device()) == null || call.over || call.answered) {
                return;
            }
            if (!answers) {
                events.publish(new OfferNotAnswered(call.queue.tenant(), call.id, target.device(), target.agent(),
                        call.queue, NoAnswerReason.TIMEOUT));
                return;
            }
            call.answered = true;
            stopAll(call);
            events.publish(new CallAnswered(call.queue.tenant(), call.id, target.device(), target.agent(), call.queue));
            long talkMillis = 2_000 + random.nextLong(Math.max(1, config.talkTimeMax().toMillis()));
            EndCause cause = random.nextBoolean() ? EndCause.CALLER_HANGUP : EndCause.AGENT_HANGUP;
            timers.schedule(() -> hangUp(call, cause), talkMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void hangUp(SimulatedCall call, EndCause cause) {
        synchronized (call) {
            if (!call.over) {
                end(call, cause);
            }
        }
    }

    private void abandon(SimulatedCall call) {
        synchronized (call) {
            if (call.over || call.answered) {
                return;
            }
            call.over = true;
            stopAll(call);
            calls.remove(call.id);
            events.publish(new CallAbandoned(call.queue.tenant(), call.id, call.queue));
        }
    }

    private void end(SimulatedCall call, EndCause cause) {
        call.over = true;
        stopAll(call);
        calls.remove(call.id);
        events.publish(new CallEnded(call.queue.tenant(), call.id, cause));
    }

    private static void stopAll(SimulatedCall call) {
        call.ringing.values().forEach(ring -> ring.cancel(false));
        call.ringing.clear();
        if (call.patience != null) {
            call.patience.cancel(false);
        }
    }
}

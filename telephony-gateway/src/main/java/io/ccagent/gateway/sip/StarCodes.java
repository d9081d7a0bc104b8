package io.ccagent.gateway.sip;

import io.ccagent.contracts.call.StarCodeDialed;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.gateway.config.GatewayProperties;
import io.ccagent.gateway.devices.DeviceCredential;
import io.ccagent.gateway.events.CallEventPublisher;
import io.ccagent.gateway.media.AudioEndpoint;
import io.ccagent.gateway.media.PromptPlayer;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Feature codes dialed from a phone (*50, *51, *52): reported as {@code StarCodeDialed}, answered, the spoken
 * confirmation streamed as RTP, then the gateway hangs up.
 */
@Component
class StarCodes {

    private static final Logger log = LoggerFactory.getLogger(StarCodes.class);

    private record Confirmation(Dialog dialog, PromptPlayer.Playback playback) {
    }

    private final Sip sip;
    private final PromptPlayer player;
    private final CallEventPublisher events;
    private final ScheduledExecutorService timers;
    private final GatewayProperties.Sip config;
    private final MeterRegistry meters;
    private final Map<String, Confirmation> playing = new ConcurrentHashMap<>();

    StarCodes(Sip sip, PromptPlayer player, CallEventPublisher events, ScheduledExecutorService timers,
              GatewayProperties properties, MeterRegistry meters) {
        this.sip = sip;
        this.player = player;
        this.events = events;
        this.timers = timers;
        this.config = properties.sip();
        this.meters = meters;
        meters.gaugeMapSize("cca.gateway.star-codes.playing", List.of(), playing);
    }

    /**
     * The codes that make the agent take queue calls (*50 Single-Call, *51 Online, both logged into every queue):
     * the router then offers calls to the agent's phones, so they are refused from a phone that has no registration
     * binding (it could not be rung). *52 (Offline) works from any phone that authenticates.
     */
    private static final Set<String> TAKE_QUEUE_CALLS = Set.of("*50", "*51");

    static boolean takesQueueCalls(String code) {
        return TAKE_QUEUE_CALLS.contains(code);
    }

    boolean isKnown(String code) {
        return player.hasPrompt(code);
    }

    boolean busy() {
        return playing.size() >= config.maxCalls();
    }

    void answer(ServerTransaction invite, DeviceCredential phone, String code) {
        Request request = invite.getRequest();
        String sipCallId = Sip.callIdOf(request);
        events.publish(new StarCodeDialed(phone.device().tenant(), CallId.of(sipCallId), phone.device(),
                phone.agent(), code));
        meters.counter("cca.gateway.star-codes", "code", code).increment();
        DatagramSocket socket;
        try {
            socket = new DatagramSocket(0, InetAddress.getByName(config.bindHost()));
        } catch (IOException e) {
            sip.respond(invite, Response.SERVER_INTERNAL_ERROR);
            return;
        }
        Response ok = Sip.tagged(sip.response(request, Response.OK), Sip.newTag());
        ok.addHeader(sip.contact(Sip.transportOf(request)));
        try {
            ok.setContent(AudioEndpoint.answer(sip.host(), socket.getLocalPort(), System.nanoTime() & 0xFFFFFF),
                    sip.headers().createContentTypeHeader(Sip.SDP_TYPE, Sip.SDP_SUBTYPE));
            invite.sendResponse(ok);
        } catch (ParseException | SipException | InvalidArgumentException e) {
            socket.close();
            log.debug("star code {} not answered: {}", code, e.getMessage());
            return;
        }
        Optional<InetSocketAddress> phoneAudio = AudioEndpoint.fromSdp(Sip.body(request));
        PromptPlayer.Playback playback;
        if (phoneAudio.isPresent()) {
            playback = player.play(code, socket, phoneAudio.get(), () -> hangUp(sipCallId));
        } else {
            // Nowhere to send audio: keep the call up for as long as the prompt would last, then hang up.
            socket.close();
            var timer = timers.schedule(() -> hangUp(sipCallId), player.packetsOf(code) * 20L, TimeUnit.MILLISECONDS);
            playback = () -> timer.cancel(false);
        }
        playing.put(sipCallId, new Confirmation(invite.getDialog(), playback));
    }

    /** The phone hung up during the confirmation. */
    boolean bye(ServerTransaction bye) {
        Confirmation confirmation = playing.remove(Sip.callIdOf(bye.getRequest()));
        if (confirmation == null) {
            return false;
        }
        confirmation.playback().stop();
        sip.respond(bye, Response.OK);
        return true;
    }

    private void hangUp(String sipCallId) {
        Confirmation confirmation = playing.remove(sipCallId);
        if (confirmation == null || confirmation.dialog() == null) {
            return;
        }
        try {
            Request bye = confirmation.dialog().createRequest(Request.BYE);
            confirmation.dialog().sendRequest(sip.provider().getNewClientTransaction(bye));
        } catch (SipException | RuntimeException e) {
            log.debug("BYE after confirmation not sent: {}", e.getMessage());
        }
    }
}

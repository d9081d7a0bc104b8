package io.ccagent.local;

import io.ccagent.media.RtpFrames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The outside world of the local runtime: a SIP endpoint the gateway uses as its trunk, so outbound calls and
 * click-to-call work on a fresh clone. It answers every number it is called at, plays a spoken prompt (8 kHz µ-law,
 * {@code prompts/demo-trunk.ulaw}, made with espeak-ng + sox) over and over as RTP to the offer's address, and hangs
 * up after {@code maxCall}. Local runtime only; a real deployment sets {@code SIP_TRUNK_URI} to its carrier.
 */
final class DemoTrunk implements SipListener, AutoCloseable {

    /**
     * @param answerAfter how long it rings before answering
     * @param maxCall     how long an answered call lasts at most before the trunk hangs up
     */
    record Settings(Duration answerAfter, Duration maxCall) {

        /** {@code DEMO_TRUNK_ANSWER_AFTER_MS} (default 1000) and {@code DEMO_TRUNK_MAX_CALL_SECONDS} (default 60). */
        static Settings fromEnvironment(Map<String, String> env) {
            return new Settings(Duration.ofMillis(Long.parseLong(env.getOrDefault("DEMO_TRUNK_ANSWER_AFTER_MS", "1000"))),
                    Duration.ofSeconds(Long.parseLong(env.getOrDefault("DEMO_TRUNK_MAX_CALL_SECONDS", "60"))));
        }
    }

    private static final Logger log = LoggerFactory.getLogger(DemoTrunk.class);
    private static final Pattern CONNECTION = Pattern.compile("(?m)^c=IN IP4 ([0-9.]+)\\s*$");
    private static final Pattern AUDIO = Pattern.compile("(?m)^m=audio ([0-9]+) ");

    /** One call, guarded by its monitor. */
    private static final class Call {
        final ServerTransaction invite;
        final String tag = UUID.randomUUID().toString().substring(0, 8);
        final InetSocketAddress media;
        boolean answered;
        boolean ended;
        ScheduledFuture<?> timer;
        ScheduledFuture<?> playback;
        DatagramSocket socket;

        Call(ServerTransaction invite, InetSocketAddress media) {
            this.invite = invite;
            this.media = media;
        }
    }

    private final Settings settings;
    private final byte[] prompt = load();
    private final SipStack stack;
    private final SipProvider provider;
    private final AddressFactory addresses;
    private final HeaderFactory headers;
    private final MessageFactory messages;
    private final int port;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "demo-trunk");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Call> calls = new ConcurrentHashMap<>();

    DemoTrunk(int port, Settings settings) {
        this.port = port;
        this.settings = settings;
        try {
            SipFactory factory = SipFactory.getInstance();
            factory.setPathName("gov.nist");
            Properties properties = new Properties();
            properties.setProperty("javax.sip.STACK_NAME", "demo-trunk-" + port);
            properties.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
            properties.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
            stack = factory.createSipStack(properties);
            addresses = factory.createAddressFactory();
            headers = factory.createHeaderFactory();
            messages = factory.createMessageFactory();
        } catch (javax.sip.PeerUnavailableException e) {
            throw new IllegalStateException("no SIP stack for the demo trunk: " + e.getMessage(), e);
        }
        try {
            ListeningPoint udp = stack.createListeningPoint(RuntimeConfig.BIND_ADDRESS, port, ListeningPoint.UDP);
            provider = stack.createSipProvider(udp);
            provider.addSipListener(this);
            stack.start();
        } catch (SipException | InvalidArgumentException | java.util.TooManyListenersException e) {
            // a stack that failed to start keeps a non-daemon thread alive: stop it
            stack.stop();
            throw new IllegalStateException("demo trunk cannot listen on " + port + ": " + e.getMessage(), e);
        }
    }

    /** What the gateway's {@code SIP_TRUNK_URI} is set to for a demo trunk on {@code port}. */
    static String uri(int port) {
        return "sip:" + RuntimeConfig.BIND_ADDRESS + ":" + port;
    }

    /** Calls ringing or answered now. */
    int activeCalls() {
        return calls.size();
    }

    @Override
    public void processRequest(RequestEvent event) {
        try {
            ServerTransaction transaction = event.getServerTransaction() != null ? event.getServerTransaction()
                    : Request.ACK.equals(event.getRequest().getMethod()) ? null
                    : provider.getNewServerTransaction(event.getRequest());
            switch (event.getRequest().getMethod()) {
                case Request.INVITE -> invite(transaction);
                case Request.CANCEL -> cancel(transaction);
                case Request.BYE -> bye(transaction);
                case Request.ACK -> { }
                case Request.OPTIONS -> respond(transaction, Response.OK);
                default -> respond(transaction, Response.METHOD_NOT_ALLOWED);
            }
        } catch (SipException | RuntimeException e) {
            log.warn("demo trunk could not handle {}: {}", event.getRequest().getMethod(), e.toString());
        }
    }

    private void invite(ServerTransaction transaction) {
        Request request = transaction.getRequest();
        String callId = callIdOf(request);
        Call known = calls.get(callId);
        if (known != null || ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null) {
            // a session refresh inside a call: keep the session as it is
            respond(transaction, known == null ? Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST : Response.OK,
                    known == null ? null : known.tag, known == null ? null : sdp(known));
            return;
        }
        InetSocketAddress media = mediaOf(request);
        if (media == null) {
            respond(transaction, Response.NOT_ACCEPTABLE_HERE, UUID.randomUUID().toString().substring(0, 8), null);
            return;
        }
        Call call = new Call(transaction, media);
        calls.put(callId, call);
        synchronized (call) {
            respond(transaction, Response.RINGING, call.tag, null);
            call.timer = timers.schedule(() -> answer(callId, call), settings.answerAfter().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        log.info("demo trunk: call to {} ringing", request.getRequestURI());
    }

    private void answer(String callId, Call call) {
        synchronized (call) {
            if (call.ended) {
                return;
            }
            try {
                call.socket = new DatagramSocket(new InetSocketAddress(RuntimeConfig.BIND_ADDRESS, 0));
            } catch (SocketException e) {
                log.warn("demo trunk has no RTP socket: {}", e.getMessage());
                respond(call.invite, Response.SERVICE_UNAVAILABLE, call.tag, null);
                end(callId, call);
                return;
            }
            call.answered = true;
            respond(call.invite, Response.OK, call.tag, sdp(call));
            call.playback = timers.scheduleAtFixedRate(new Frames(call), 0, RtpFrames.FRAME_MILLIS,
                    TimeUnit.MILLISECONDS);
            call.timer = timers.schedule(() -> hangUp(callId, call), settings.maxCall().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    private void hangUp(String callId, Call call) {
        synchronized (call) {
            if (call.ended) {
                return;
            }
            try {
                call.invite.getDialog().sendRequest(provider.getNewClientTransaction(
                        call.invite.getDialog().createRequest(Request.BYE)));
            } catch (SipException e) {
                log.debug("demo trunk BYE not sent: {}", e.getMessage());
            }
            end(callId, call);
        }
    }

    private void cancel(ServerTransaction transaction) {
        String callId = callIdOf(transaction.getRequest());
        Call call = calls.get(callId);
        respond(transaction, call == null ? Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST : Response.OK);
        if (call != null) {
            synchronized (call) {
                if (!call.answered && !call.ended) {
                    respond(call.invite, Response.REQUEST_TERMINATED, call.tag, null);
                    end(callId, call);
                }
            }
        }
    }

    private void bye(ServerTransaction transaction) {
        String callId = callIdOf(transaction.getRequest());
        Call call = calls.get(callId);
        respond(transaction, call == null ? Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST : Response.OK);
        if (call != null) {
            synchronized (call) {
                end(callId, call);
            }
        }
    }

    private void end(String callId, Call call) {
        call.ended = true;
        if (call.timer != null) {
            call.timer.cancel(false);
        }
        if (call.playback != null) {
            call.playback.cancel(false);
        }
        if (call.socket != null) {
            call.socket.close();
        }
        calls.remove(callId);
    }

    /** Sends the prompt one 20 ms RTP packet at a time, from the start again when it is over. */
    private final class Frames implements Runnable {
        private final Call call;
        private final RtpFrames frames = new RtpFrames();
        private int offset;

        Frames(Call call) {
            this.call = call;
        }

        @Override
        public void run() {
            byte[] packet = frames.packet(prompt, offset);
            offset = offset + RtpFrames.FRAME_BYTES >= prompt.length ? 0 : offset + RtpFrames.FRAME_BYTES;
            try {
                call.socket.send(new DatagramPacket(packet, packet.length, call.media));
            } catch (IOException e) {
                log.debug("demo trunk RTP to {} failed: {}", call.media, e.toString());
            }
        }
    }

    private String sdp(Call call) {
        int rtpPort = call.socket == null ? 0 : call.socket.getLocalPort();
        return "v=0\r\no=demo-trunk 1 1 IN IP4 " + RuntimeConfig.BIND_ADDRESS + "\r\ns=-\r\nc=IN IP4 "
                + RuntimeConfig.BIND_ADDRESS + "\r\nt=0 0\r\nm=audio " + rtpPort + " RTP/AVP 0\r\n"
                + "a=rtpmap:0 PCMU/8000\r\na=sendonly\r\n";
    }

    /** Where the offer wants its audio; null without an audio offer (a delayed offer is not supported). */
    private static InetSocketAddress mediaOf(Request request) {
        byte[] body = request.getRawContent();
        if (body == null) {
            return null;
        }
        String sdp = new String(body, StandardCharsets.US_ASCII);
        Matcher host = CONNECTION.matcher(sdp);
        Matcher audio = AUDIO.matcher(sdp);
        return host.find() && audio.find()
                ? new InetSocketAddress(host.group(1), Integer.parseInt(audio.group(1))) : null;
    }

    private void respond(ServerTransaction transaction, int status) {
        respond(transaction, status, null, null);
    }

    private void respond(ServerTransaction transaction, int status, String tag, String sdp) {
        try {
            Response response = messages.createResponse(status, transaction.getRequest());
            ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
            if (tag != null && to.getTag() == null) {
                to.setTag(tag);
            }
            if (status == Response.OK && Request.INVITE.equals(transaction.getRequest().getMethod())) {
                SipURI contact = addresses.createSipURI(null, RuntimeConfig.BIND_ADDRESS);
                contact.setPort(port);
                response.addHeader(headers.createContactHeader(addresses.createAddress(contact)));
            }
            if (sdp != null) {
                response.setContent(sdp, headers.createContentTypeHeader("application", "sdp"));
            }
            transaction.sendResponse(response);
        } catch (ParseException | SipException | InvalidArgumentException e) {
            log.debug("demo trunk could not answer {}: {}", status, e.getMessage());
        }
    }

    private static String callIdOf(Request request) {
        return ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
    }

    private static byte[] load() {
        try (InputStream in = DemoTrunk.class.getResourceAsStream("/prompts/demo-trunk.ulaw")) {
            if (in == null) {
                throw new IllegalStateException("prompts/demo-trunk.ulaw is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void processResponse(ResponseEvent event) {
        // only the trunk's own BYEs get responses; nothing to do with them
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
    }

    @Override
    public void close() {
        calls.forEach((callId, call) -> hangUp(callId, call));
        timers.shutdownNow();
        stack.stop();
    }
}

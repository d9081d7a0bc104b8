package io.ccagent.gateway.sip;

import io.ccagent.gateway.config.GatewayProperties;
import java.util.Properties;
import java.util.TooManyListenersException;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** Owns the JAIN-SIP stack: UDP and TCP listeners on one port, started and stopped with the application. */
@Component
class SipServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SipServer.class);

    private final GatewayProperties.Sip config;
    private final SipDispatcher dispatcher;
    private final Sip sip;
    private SipStack stack;

    private final B2bua b2bua;
    private final CallCheckpoints checkpoints;

    SipServer(GatewayProperties properties, SipDispatcher dispatcher, Sip sip, B2bua b2bua,
              CallCheckpoints checkpoints) {
        this.config = properties.sip();
        this.dispatcher = dispatcher;
        this.sip = sip;
        this.b2bua = b2bua;
        this.checkpoints = checkpoints;
    }

    @Override
    public void start() {
        try {
            stack = new CancelByBranchStack(stackProperties());
            ListeningPoint udp = stack.createListeningPoint(config.bindHost(), config.port(), ListeningPoint.UDP);
            ListeningPoint tcp = stack.createListeningPoint(config.bindHost(), config.port(), ListeningPoint.TCP);
            // Requests the stack builds itself (in-dialog ACK, BYE, CANCEL) take their Via from the listening
            // point: make it the address phones can reach, not the bind address (0.0.0.0 is unroutable).
            String sentBy = config.advertisedHost() + ":" + config.port();
            udp.setSentBy(sentBy);
            tcp.setSentBy(sentBy);
            SipProvider provider = stack.createSipProvider(udp);
            provider.addListeningPoint(tcp);
            provider.addSipListener(dispatcher);
            sip.attach(provider);
            stack.start();
            log.info("SIP listening on {}:{} (UDP, TCP), advertised as {}", config.bindHost(), config.port(),
                    config.advertisedHost());
            b2bua.endCallsLeftBehind();
        } catch (InvalidArgumentException | TooManyListenersException | java.text.ParseException | javax.sip.SipException e) {
            // A half-built stack keeps a non-daemon thread alive: stop it before failing the start.
            stop();
            throw new IllegalStateException("SIP stack failed to start on port " + config.port() + ": " + e.getMessage(), e);
        }
    }

    private Properties stackProperties() {
        Properties properties = new Properties();
        // A fresh name per start: JAIN-SIP names its threads and logs after it, and a restart is a new stack
        properties.setProperty("javax.sip.STACK_NAME", "telephony-gateway-" + config.port() + "-" + Sip.newTag());
        properties.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
        properties.setProperty("gov.nist.javax.sip.IS_BACK_TO_BACK_USER_AGENT", "true");
        properties.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        properties.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "8");
        properties.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", Integer.toString(config.maxMessageBytes()));
        properties.setProperty("gov.nist.javax.sip.MAX_SERVER_TRANSACTIONS", Integer.toString(config.maxCalls() * 4));
        properties.setProperty("gov.nist.javax.sip.MAX_CLIENT_TRANSACTIONS", Integer.toString(config.maxCalls() * 4));
        properties.setProperty("gov.nist.javax.sip.MAX_CONNECTIONS", "2000");
        properties.setProperty("gov.nist.javax.sip.AGGRESSIVE_CLEANUP", "true");
        properties.setProperty("gov.nist.javax.sip.REJECT_STRAY_RESPONSES", "true");
        properties.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        properties.setProperty("gov.nist.javax.sip.MESSAGE_PARSER_FACTORY", ScreeningParserFactory.class.getName());
        return properties;
    }

    @Override
    public void stop() {
        sip.detach();
        if (stack != null) {
            stack.stop();
            stack = null;
            // Calls still in flight stay checkpointed: the next start ends them.
            checkpoints.flush();
        }
    }

    @Override
    public boolean isRunning() {
        return stack != null;
    }

    /** Stop SIP before Kafka and Mongo go away, start it after them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}

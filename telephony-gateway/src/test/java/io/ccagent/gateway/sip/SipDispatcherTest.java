package io.ccagent.gateway.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import gov.nist.javax.sip.message.SIPRequest;
import io.ccagent.gateway.config.GatewayProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipProvider;
import javax.sip.header.RetryAfterHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** The rate guard in front of every feature: what it spends its budget on, and how it turns work away. */
class SipDispatcherTest {

    private static final String TRUNK = "192.0.2.10";

    private final SipProvider provider = mock(SipProvider.class);
    private final InviteHandler invites = mock(InviteHandler.class);
    private final B2bua b2bua = mock(B2bua.class);
    private final StarCodes starCodes = mock(StarCodes.class);
    private final ClickToCall clickToCall = mock(ClickToCall.class);
    private Sip sip;
    private SipDispatcher dispatcher;

    @BeforeEach
    void oneRequestPerSecondFromEachSource() throws Exception {
        GatewayProperties properties = SipSettings.withSourceBudget(1);
        sip = new Sip(properties);
        sip.attach(provider);
        SourceGuard guard = new SourceGuard(properties,
                Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC));
        dispatcher = new SipDispatcher(sip, guard, mock(Registrar.class), invites, b2bua, starCodes, clickToCall,
                new SimpleMeterRegistry(), properties);
        when(b2bua.bye(any())).thenReturn(true);
        when(b2bua.cancel(any())).thenReturn(true);
    }

    @Test
    void anInviteOverTheBudgetIsAnswered503WithRetryAfterRatherThanLeftToBeRetransmitted() throws Exception {
        dispatcher.processRequest(event(request(Request.INVITE, "call-1", 1)));
        dispatcher.processRequest(event(request(Request.INVITE, "call-2", 1)));

        verify(invites, times(1)).invite(any());
        ArgumentCaptor<Response> sent = ArgumentCaptor.forClass(Response.class);
        verify(provider).sendResponse(sent.capture());
        Response refusal = sent.getValue();
        assertThat(refusal.getStatusCode()).isEqualTo(Response.SERVICE_UNAVAILABLE);
        assertThat(((RetryAfterHeader) refusal.getHeader(RetryAfterHeader.NAME)).getRetryAfter()).isPositive();
        assertThat(((ToHeader) refusal.getHeader(ToHeader.NAME)).getTag()).isNotBlank();
    }

    @Test
    void byeAndCancelOverTheBudgetStillReachTheCallsTheyEnd() throws Exception {
        dispatcher.processRequest(event(request(Request.INVITE, "call-1", 1)));

        dispatcher.processRequest(event(request(Request.BYE, "call-0", 2)));
        dispatcher.processRequest(event(request(Request.CANCEL, "call-1", 1)));

        verify(b2bua).bye(any());
        verify(b2bua).cancel(any());
        verify(provider, never()).sendResponse(any());
    }

    @Test
    void otherRequestsOverTheBudgetAreDroppedUnanswered() throws Exception {
        dispatcher.processRequest(event(request(Request.INVITE, "call-1", 1)));

        dispatcher.processRequest(event(request(Request.OPTIONS, "probe-1", 1)));

        verify(provider, never()).sendResponse(any());
        verify(invites, times(1)).invite(any());
    }

    private Request request(String method, String callId, long cseq) throws Exception {
        String text = method + " sip:8001@calls.example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + TRUNK + ":5060;branch=z9hG4bK-" + callId + "-" + method + "\r\n"
                + "From: <sip:+15551230000@" + TRUNK + ">;tag=trunk-" + callId + "\r\n"
                + "To: <sip:8001@calls.example.com>" + (Request.BYE.equals(method) ? ";tag=ours" : "") + "\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " " + method + "\r\n"
                + "Contact: <sip:trunk@" + TRUNK + ":5060>\r\n"
                + "Max-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n";
        SIPRequest request = (SIPRequest) sip.messages().createRequest(text);
        request.setRemoteAddress(InetAddress.getByName(TRUNK));
        return request;
    }

    private RequestEvent event(Request request) {
        ServerTransaction transaction = mock(ServerTransaction.class);
        when(transaction.getRequest()).thenReturn(request);
        return new RequestEvent(provider, transaction, null, request);
    }
}

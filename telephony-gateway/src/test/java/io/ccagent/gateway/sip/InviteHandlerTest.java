package io.ccagent.gateway.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import gov.nist.javax.sip.message.SIPRequest;
import io.ccagent.gateway.config.GatewayProperties;
import io.ccagent.gateway.devices.DeviceDirectory;
import io.ccagent.gateway.queues.QueueDirectory;
import javax.sip.ServerTransaction;
import javax.sip.SipProvider;
import javax.sip.header.RetryAfterHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** What a caller hears when the gateway holds as many calls as it may. */
class InviteHandlerTest {

    @Test
    void aQueueCallOverTheCallLimitIsRefused503WithRetryAfter() throws Exception {
        GatewayProperties properties = SipSettings.withSourceBudget(100);
        Sip sip = new Sip(properties);
        sip.attach(mock(SipProvider.class));
        QueueDirectory queues = mock(QueueDirectory.class);
        when(queues.isQueue(any())).thenReturn(true);
        B2bua b2bua = mock(B2bua.class);
        when(b2bua.activeCalls()).thenReturn(properties.sip().maxCalls());
        InviteHandler handler = new InviteHandler(sip, mock(DigestAuthenticator.class), mock(DeviceDirectory.class),
                queues, b2bua, mock(StarCodes.class), mock(ClickToCall.class), properties);
        ServerTransaction invite = mock(ServerTransaction.class);
        when(invite.getRequest()).thenReturn((SIPRequest) sip.messages().createRequest("""
                INVITE sip:8001@calls.example.com SIP/2.0\r
                Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-full\r
                From: <sip:+15551230000@192.0.2.10>;tag=trunk-full\r
                To: <sip:8001@calls.example.com>\r
                Call-ID: full-1\r
                CSeq: 1 INVITE\r
                Contact: <sip:trunk@192.0.2.10:5060>\r
                Max-Forwards: 70\r
                Content-Length: 0\r
                \r
                """));

        handler.invite(invite);

        verify(b2bua, never()).queueCall(any(), any(), any(), any());
        ArgumentCaptor<Response> sent = ArgumentCaptor.forClass(Response.class);
        verify(invite).sendResponse(sent.capture());
        assertThat(sent.getValue().getStatusCode()).isEqualTo(Response.SERVICE_UNAVAILABLE);
        assertThat(((RetryAfterHeader) sent.getValue().getHeader(RetryAfterHeader.NAME)).getRetryAfter())
                .isEqualTo(Sip.RETRY_AFTER_SECONDS);
        assertThat(((ToHeader) sent.getValue().getHeader(ToHeader.NAME)).getTag()).isNotBlank();
    }
}

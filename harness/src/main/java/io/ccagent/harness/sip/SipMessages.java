package io.ccagent.harness.sip;

import java.util.UUID;

/** Well-formed SIP requests over UDP from 127.0.0.1, the seeds the fuzzer mutates. */
final class SipMessages {

    private SipMessages() {
    }

    static String options(String domain, int localPort, String callId) {
        return request("OPTIONS", "sip:" + domain, "harness", domain, localPort, callId, 1, null, "");
    }

    static String register(String domain, String device, int localPort, String callId, int cseq, String authorization) {
        String extra = "Contact: <sip:" + device + "@127.0.0.1:" + localPort + ">\r\nExpires: 60\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n");
        return request("REGISTER", "sip:" + domain, device, domain, localPort, callId, cseq, extra, "");
    }

    static String invite(String domain, String device, String to, int localPort, String callId) {
        String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
        String extra = "Contact: <sip:" + device + "@127.0.0.1:" + localPort + ">\r\nContent-Type: application/sdp\r\n";
        return request("INVITE", "sip:" + to + "@" + domain, device, domain, localPort, callId, 1, extra, sdp);
    }

    static String bye(String domain, String device, int localPort, String callId) {
        return request("BYE", "sip:8001@" + domain, device, domain, localPort, callId, 2, null, "");
    }

    private static String request(String method, String uri, String user, String domain, int localPort, String callId,
                                  int cseq, String extraHeaders, String body) {
        return method + " " + uri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + localPort + ";branch=z9hG4bK" + UUID.randomUUID().toString().substring(0, 12)
                + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:" + user + "@" + domain + ">;tag=" + UUID.randomUUID().toString().substring(0, 8) + "\r\n"
                + "To: <sip:" + (method.equals("REGISTER") ? user + "@" + domain : uri.substring(4)) + ">\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " " + method + "\r\n"
                + (extraHeaders == null ? "" : extraHeaders)
                + "User-Agent: cc-agent-harness\r\n"
                + "Content-Length: " + body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + "\r\n"
                + "\r\n" + body;
    }
}

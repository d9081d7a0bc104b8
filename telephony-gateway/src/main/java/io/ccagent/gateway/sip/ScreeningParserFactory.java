package io.ccagent.gateway.sip;

import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.parser.StringMsgParser;
import gov.nist.javax.sip.parser.StringMsgParserFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;

/**
 * The stack's own parser, made to hand every answerable bad request to the gateway instead of answering it itself.
 * The stack's automatic 400 is not well formed (a parser message with line breaks as its reason phrase, a blank line
 * inside its headers), and requests lacking From, To, Call-ID or CSeq it drops without an answer. Here such a
 * request becomes one the stack can carry: what parses of its Via, From, To, Call-ID and CSeq is kept, what is
 * missing or broken is replaced by a placeholder, and the reason is attached in {@link #REFUSAL}, for which the
 * dispatcher answers 400 through the message factory. Without a parseable Via there is nowhere to answer: the
 * message is dropped. A request line's version other than 2.0 is kept as written, so the stack answers 505.
 * Named in the stack properties (the stack instantiates it).
 */
public final class ScreeningParserFactory implements MessageParserFactory {

    /** Set on a request that must be refused with 400; its value is the reason. Never taken from the wire. */
    static final String REFUSAL = "X-Gateway-Refusal";

    private static final int MAX_REASON = 80;
    private static final String SIP_2_0 = "SIP/2.0";
    private static final Set<String> KEPT = Set.of("via", "v", "from", "f", "to", "t", "call-id", "i", "cseq",
            "max-forwards");

    private final MessageParserFactory delegate = new StringMsgParserFactory();
    private final HeaderFactory headers = new HeaderFactoryImpl();

    @Override
    public MessageParser createMessageParser(SIPTransactionStack stack) {
        MessageParser parser = delegate.createMessageParser(stack);
        return (bytes, readBody, strict, listener) -> {
            SIPMessage message;
            try {
                message = parser.parseSIPMessage(bytes, readBody, strict, listener);
            } catch (ParseException e) {
                String reason = oneLine(e.getMessage());
                SIPRequest salvaged = salvage(bytes, reason);
                if (salvaged == null) {
                    throw new ParseException(reason, e.getErrorOffset());
                }
                return salvaged;
            }
            if (message instanceof SIPRequest request) {
                request.removeHeader(REFUSAL);
                keepVersionAsWritten(request, bytes);
                String missing = missingHeader(request);
                if (missing != null && request.getTopmostVia() != null) {
                    refuse(request, "missing " + missing);
                }
            }
            return message;
        };
    }

    private static String missingHeader(SIPRequest request) {
        if (request.getFrom() == null) {
            return "From";
        }
        if (request.getTo() == null) {
            return "To";
        }
        if (request.getCallId() == null) {
            return "Call-ID";
        }
        if (request.getCSeq() == null) {
            return "CSeq";
        }
        if (Request.INVITE.equals(request.getMethod()) && request.getHeader(ContactHeader.NAME) == null) {
            return "Contact";
        }
        return null;
    }

    /** A request carrying what parses of the original's core headers, or null if it cannot be answered. */
    private SIPRequest salvage(byte[] bytes, String reason) {
        List<String> lines = new String(bytes, StandardCharsets.ISO_8859_1).lines()
                .takeWhile(line -> !line.isBlank()).toList();
        if (lines.isEmpty() || lines.get(0).startsWith("SIP/")) {
            return null;
        }
        String method = lines.get(0).split(" ", 2)[0];
        SIPRequest request = new SIPRequest();
        try {
            request.setRequestLine(requestLine(lines.get(0), method));
        } catch (ParseException e) {
            return null;
        }
        for (String line : lines.subList(1, lines.size())) {
            int colon = line.indexOf(':');
            if (colon > 0 && KEPT.contains(line.substring(0, colon).strip().toLowerCase(Locale.ROOT))) {
                try {
                    request.addHeader(headers.createHeader(line.substring(0, colon).strip(),
                            line.substring(colon + 1).strip()));
                } catch (ParseException | RuntimeException e) {
                    // broken: replaced by a placeholder below
                }
            }
        }
        if (request.getTopmostVia() == null) {
            return null;
        }
        return refuse(request, reason) ? request : null;
    }

    private static gov.nist.javax.sip.header.RequestLine requestLine(String line, String method) throws ParseException {
        StringMsgParser parser = new StringMsgParser();
        try {
            return parser.parseSIPRequestLine(line + "\n");
        } catch (ParseException e) {
            if (!method.matches("[A-Za-z]{1,20}")) {
                throw e;
            }
            return parser.parseSIPRequestLine(method.toUpperCase(Locale.ROOT) + " sip:invalid.invalid SIP/2.0\n");
        }
    }

    /** Fills in placeholders for what is missing, so the stack carries the request to the dispatcher, and marks it. */
    private boolean refuse(SIPRequest request, String reason) {
        try {
            placeholder(request, FromHeader.NAME, "<sip:invalid.invalid>;tag=" + Sip.newTag());
            placeholder(request, ToHeader.NAME, "<sip:invalid.invalid>");
            placeholder(request, CallIdHeader.NAME, "invalid-" + Sip.newTag());
            placeholder(request, CSeqHeader.NAME, "1 " + request.getMethod());
            placeholder(request, MaxForwardsHeader.NAME, "70");
            if (Request.INVITE.equals(request.getMethod())) {
                // the stack builds a dialog for every INVITE transaction and needs a remote target for it
                placeholder(request, ContactHeader.NAME, "<sip:invalid.invalid>");
            }
            request.setHeader(headers.createHeader(REFUSAL, reason));
            return request.getTopmostVia() != null;
        } catch (ParseException e) {
            return false;
        }
    }

    private void placeholder(SIPRequest request, String name, String value) throws ParseException {
        if (request.getHeader(name) == null) {
            Header header = headers.createHeader(name, value);
            request.setHeader(header);
        }
    }

    /**
     * The parser reads any {@code SIP/x.y} as 2.0; the stack answers 505 itself when the request line says otherwise,
     * so put back what was written. The To tag set here is copied into that 505 (every final response carries one);
     * the request itself goes no further.
     */
    private static void keepVersionAsWritten(SIPRequest request, byte[] bytes) throws ParseException {
        int end = 0;
        while (end < bytes.length && bytes[end] != '\r' && bytes[end] != '\n') {
            end++;
        }
        String requestLine = new String(bytes, 0, end, StandardCharsets.US_ASCII).strip();
        String version = requestLine.substring(requestLine.lastIndexOf(' ') + 1);
        if (!SIP_2_0.equalsIgnoreCase(version) && request.getTo() != null) {
            request.getRequestLine().setSipVersion(version.toUpperCase(Locale.ROOT));
            if (request.getTo().getTag() == null) {
                request.getTo().setTag(Sip.newTag());
            }
        }
    }

    /** The first line of the parser's message, printable ASCII only, short enough for a reason phrase. */
    static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "unparseable";
        }
        String firstLine = message.strip().lines().findFirst().orElse("");
        StringBuilder clean = new StringBuilder();
        for (char c : firstLine.toCharArray()) {
            if (clean.length() == MAX_REASON) {
                break;
            }
            clean.append(c >= 0x20 && c < 0x7f && c != '(' && c != ')' ? c : ' ');
        }
        String reason = clean.toString().strip();
        return reason.isEmpty() ? "unparseable" : reason;
    }
}

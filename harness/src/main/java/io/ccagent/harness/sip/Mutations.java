package io.ccagent.harness.sip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;

/** Ways to break a valid SIP message: headers, lengths, encodings, truncation, framing, sizes. */
final class Mutations {

    /** One named mutation of a message's text into datagram bytes. */
    record Mutation(String name, BiFunction<Random, String, byte[]> apply) {
    }

    static final List<Mutation> ALL = List.of(
            new Mutation("truncated", (r, m) -> Arrays.copyOf(bytes(m), 1 + r.nextInt(Math.max(1, bytes(m).length - 1)))),
            new Mutation("header dropped", (r, m) -> bytes(dropLine(r, m))),
            new Mutation("header duplicated", (r, m) -> bytes(duplicateLine(r, m))),
            new Mutation("Content-Length too large", (r, m) -> bytes(m.replaceFirst("Content-Length: \\d+", "Content-Length: " + (1000 + r.nextInt(60000))))),
            new Mutation("Content-Length negative", (r, m) -> bytes(m.replaceFirst("Content-Length: \\d+", "Content-Length: -" + r.nextInt(100)))),
            new Mutation("Content-Length not a number", (r, m) -> bytes(m.replaceFirst("Content-Length: \\d+", "Content-Length: lots"))),
            new Mutation("random bytes flipped", Mutations::flipBytes),
            new Mutation("invalid UTF-8 in From", (r, m) -> latin1(m.replaceFirst("From: <sip:", "From: \u00ff\u00fe<sip:"))),
            new Mutation("NUL bytes in Call-ID", (r, m) -> bytes(m.replaceFirst("Call-ID: ", "Call-ID: \u0000\u0000"))),
            new Mutation("huge header (60 KB)", (r, m) -> bytes(m.replaceFirst("User-Agent: [^\r]*", "User-Agent: " + "x".repeat(60_000)))),
            new Mutation("LF line endings", (r, m) -> bytes(m.replace("\r\n", "\n"))),
            new Mutation("no blank line before body", (r, m) -> bytes(m.replace("\r\n\r\n", "\r\n"))),
            new Mutation("unknown method", (r, m) -> bytes("FROBNICATE" + m.substring(m.indexOf(' ')))),
            new Mutation("SIP/3.0 version", (r, m) -> bytes(m.replaceFirst("SIP/2\\.0\r\n", "SIP/3.0\r\n"))),
            new Mutation("request line without URI", (r, m) -> bytes(m.replaceFirst(" sip:[^ ]+ ", " "))),
            new Mutation("bad URI scheme", (r, m) -> bytes(m.replaceFirst(" sip:", " htp:/"))),
            new Mutation("header without colon", (r, m) -> bytes(m.replaceFirst("Max-Forwards: ", "Max-Forwards "))),
            new Mutation("CSeq not a number", (r, m) -> bytes(m.replaceFirst("CSeq: \\d+", "CSeq: one"))),
            new Mutation("CSeq method mismatch", (r, m) -> bytes(m.replaceFirst("CSeq: (\\d+) \\w+", "CSeq: $1 BYE"))),
            new Mutation("Via port not a number", (r, m) -> bytes(m.replaceFirst("127\\.0\\.0\\.1:\\d+;branch", "127.0.0.1:abc;branch"))),
            new Mutation("Via without branch", (r, m) -> bytes(m.replaceFirst(";branch=[^;\r]+", ""))),
            new Mutation("Max-Forwards 0", (r, m) -> bytes(m.replaceFirst("Max-Forwards: 70", "Max-Forwards: 0"))),
            new Mutation("1000 Via headers", (r, m) -> bytes(m.replaceFirst("(Via: [^\r]*\r\n)", "$1" + repeatedVia(1000)))),
            new Mutation("empty datagram", (r, m) -> new byte[0]),
            new Mutation("only CRLFs", (r, m) -> bytes("\r\n\r\n")),
            new Mutation("random binary", (r, m) -> {
                byte[] junk = new byte[1 + r.nextInt(1400)];
                r.nextBytes(junk);
                return junk;
            }),
            new Mutation("response instead of request", (r, m) -> bytes("SIP/2.0 200 OK" + m.substring(m.indexOf("\r\n")))),
            new Mutation("Authorization garbage", (r, m) -> bytes(m.replaceFirst("Max-Forwards: 70\r\n",
                    "Max-Forwards: 70\r\nAuthorization: Digest username=\"" + "\u0000".repeat(3) + "\", nonce=, response=\r\n"))));

    private Mutations() {
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String dropLine(Random random, String message) {
        List<String> lines = new ArrayList<>(Arrays.asList(message.split("\r\n", -1)));
        int headerLines = Math.max(2, lines.indexOf(""));
        lines.remove(1 + random.nextInt(headerLines - 1));
        return String.join("\r\n", lines);
    }

    private static String duplicateLine(Random random, String message) {
        List<String> lines = new ArrayList<>(Arrays.asList(message.split("\r\n", -1)));
        int headerLines = Math.max(2, lines.indexOf(""));
        int at = 1 + random.nextInt(headerLines - 1);
        lines.add(at, lines.get(at));
        return String.join("\r\n", lines);
    }

    private static byte[] flipBytes(Random random, String message) {
        byte[] bytes = bytes(message);
        for (int i = 0; i < 1 + random.nextInt(8); i++) {
            bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    private static String repeatedVia(int count) {
        return "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKx\r\n".repeat(count);
    }
}

package io.ccagent.queue.queues;

import io.ccagent.contracts.ids.Tenant;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the unanswered action FORWARD sends callers: something the gateway can dial inside the tenant. A number or
 * extension (digits, optionally one leading {@code +}), or a {@code sip:} URI of the tenant's own domain, kept as its
 * user part because the gateway addresses every target in the tenant's domain.
 */
final class ForwardTarget {

    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9]{1,20}");
    private static final Pattern SIP_URI = Pattern.compile("sips?:(\\+?[0-9]{1,20}|[A-Za-z0-9][A-Za-z0-9._-]{0,63})@(.+)",
            Pattern.CASE_INSENSITIVE);

    private ForwardTarget() {
    }

    /** The dialable form of {@code target}; refuses anything else with a sentence that says what is accepted. */
    static String dialable(String target, Tenant tenant) {
        if (NUMBER.matcher(target).matches()) {
            return target;
        }
        Matcher uri = SIP_URI.matcher(target);
        if (uri.matches() && uri.group(2).toLowerCase(Locale.ROOT).equals(tenant.domain())) {
            return uri.group(1);
        }
        throw new IllegalArgumentException("unansweredTarget '" + printable(target) + "' cannot be dialed: use an "
                + "extension or phone number (digits, optionally starting with +, no spaces) or a sip: address of "
                + tenant.domain() + " such as sip:1001@" + tenant.domain());
    }

    /** Echoes a refused value without control characters, so the message stays one readable line. */
    private static String printable(String value) {
        String shown = value.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return shown.length() > 40 ? shown.substring(0, 40) + "…" : shown;
    }
}

package io.ccagent.contracts.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/** A tenant is a DNS-like domain such as {@code xyzcorporation.com}; always kept lower-case. */
public record Tenant(String domain) {

    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

    public Tenant {
        Objects.requireNonNull(domain, "tenant domain is required");
        domain = domain.trim().toLowerCase(Locale.ROOT);
        if (domain.length() > 253 || !DOMAIN.matcher(domain).matches()) {
            throw new IllegalArgumentException("not a valid domain: '" + domain + "'");
        }
    }

    @JsonCreator
    public static Tenant of(String domain) {
        return new Tenant(domain);
    }

    @JsonValue
    @Override
    public String toString() {
        return domain;
    }
}

package io.ccagent.contracts.ids;

import java.util.Objects;
import java.util.regex.Pattern;

/** Splits and validates {@code user@domain} strings shared by agent, queue and device ids. */
record Address(String user, Tenant tenant) {

    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._+-]{1,64}");

    Address {
        Objects.requireNonNull(user, "user part is required");
        Objects.requireNonNull(tenant, "tenant is required");
        if (!USER.matcher(user).matches()) {
            throw new IllegalArgumentException("not a valid extension or device name: '" + user + "'");
        }
    }

    static Address parse(String kind, String value) {
        Objects.requireNonNull(value, kind + " is required");
        int at = value.indexOf('@');
        if (at <= 0 || at != value.lastIndexOf('@') || at == value.length() - 1) {
            throw new IllegalArgumentException(kind + " must look like name@domain, got '" + value + "'");
        }
        return new Address(value.substring(0, at), Tenant.of(value.substring(at + 1)));
    }

    @Override
    public String toString() {
        return user + "@" + tenant.domain();
    }
}

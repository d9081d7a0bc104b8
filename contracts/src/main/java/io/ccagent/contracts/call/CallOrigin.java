package io.ccagent.contracts.call;

/** Who placed an inbound call: someone outside the tenant, or another extension of the same tenant. */
public enum CallOrigin {
    EXTERNAL,
    INTERNAL
}

package io.ccagent.harness.traffic;

/** Something done to the system in the middle of traffic (kill -9 and restart a service, restart the broker). */
public record Fault(String name, Runnable action) {
}

package io.ccagent.system;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace made for one test, joined to this host by a veth pair ({@value #HOST_ADDRESS} on the host
 * side): a second machine on a private link, so a test can try the host's ports from an address that is not
 * loopback without any traffic leaving the machine. Needs root and iproute2.
 */
final class NetworkNamespace implements AutoCloseable {

    static final String HOST_ADDRESS = "10.254.77.1";
    private static final String PEER_ADDRESS = "10.254.77.2";

    private final String name;
    private final String hostSide;

    private NetworkNamespace(String name, String hostSide) {
        this.name = name;
        this.hostSide = hostSide;
    }

    /** Creates the namespace and the link; throws if this machine does not allow it. */
    static NetworkNamespace create() {
        long id = ProcessHandle.current().pid() % 100_000;
        NetworkNamespace namespace = new NetworkNamespace("cca-lb-" + id, "cca-h" + id);
        String peer = "cca-n" + id;
        try {
            run("ip", "netns", "add", namespace.name);
            run("ip", "link", "add", namespace.hostSide, "type", "veth", "peer", "name", peer);
            run("ip", "link", "set", peer, "netns", namespace.name);
            run("ip", "addr", "add", HOST_ADDRESS + "/30", "dev", namespace.hostSide);
            run("ip", "link", "set", namespace.hostSide, "up");
            run("ip", "netns", "exec", namespace.name, "ip", "addr", "add", PEER_ADDRESS + "/30", "dev", peer);
            run("ip", "netns", "exec", namespace.name, "ip", "link", "set", peer, "up");
            run("ip", "netns", "exec", namespace.name, "ip", "link", "set", "lo", "up");
            return namespace;
        } catch (RuntimeException e) {
            namespace.close();
            throw e;
        }
    }

    /** Whether a TCP connection from inside the namespace to the host's side of the link and this port succeeds. */
    boolean canConnect(int port) {
        return exitCode(List.of("ip", "netns", "exec", name, "timeout", "3", "bash", "-c",
                "exec 3<>/dev/tcp/" + HOST_ADDRESS + "/" + port)) == 0;
    }

    @Override
    public void close() {
        exitCode(List.of("ip", "netns", "del", name));
        exitCode(List.of("ip", "link", "del", hostSide));
    }

    private static void run(String... command) {
        int code = exitCode(List.of(command));
        if (code != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + code);
        }
    }

    private static int exitCode(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}

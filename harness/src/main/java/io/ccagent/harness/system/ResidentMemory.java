package io.ccagent.harness.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a process's resident set size (VmRSS) from Linux's /proc. */
public final class ResidentMemory {

    private ResidentMemory() {
    }

    /** RSS in MiB, or -1 when it cannot be read (process gone, not Linux). */
    public static long ofPid(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
            return -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}

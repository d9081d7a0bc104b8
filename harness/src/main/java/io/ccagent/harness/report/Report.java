package io.ccagent.harness.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a harness run found, section by section. A finding is something the system did that the rules forbid; it is
 * written down, never hidden. Thread-safe: traffic threads and the main thread write to it.
 */
public final class Report {

    private final String title;
    private final List<String> lines = new ArrayList<>();
    private final List<String> findings = new ArrayList<>();
    private final Instant started = Instant.now();

    public Report(String title) {
        this.title = title;
    }

    public synchronized void section(String name) {
        lines.add("");
        lines.add("== " + name);
        System.out.println("== " + name);
    }

    public synchronized void line(String format, Object... args) {
        String text = args.length == 0 ? format : String.format(format, args);
        lines.add(text);
        System.out.println(text);
    }

    /** Records a broken rule; it also appears in the summary at the end. */
    public synchronized void finding(String format, Object... args) {
        String text = args.length == 0 ? format : String.format(format, args);
        findings.add(text);
        lines.add("FINDING: " + text);
        System.out.println("FINDING: " + text);
    }

    public synchronized List<String> findings() {
        return List.copyOf(findings);
    }

    public synchronized String text() {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(title).append('\n');
        out.append("started ").append(started).append(", ended ").append(Instant.now()).append('\n');
        lines.forEach(line -> out.append(line).append('\n'));
        out.append("\n== Summary\n").append(findings.size()).append(" finding(s)\n");
        findings.forEach(finding -> out.append("- ").append(finding).append('\n'));
        return out.toString();
    }

    /** Writes the whole report to {@code file} and returns the file. */
    public Path writeTo(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the report to " + file, e);
        }
    }
}

package io.ccagent.local;

import io.ccagent.identity.ServiceTokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The local deployment's service-token secret (SERVICE_TOKEN_SECRET): made at the first start in the data folder,
 * readable by its owner only, and read again on every later start so tokens of running callers stay valid.
 */
final class ServiceSecret {

    static final String FILE = "service-token.secret";

    private ServiceSecret() {
    }

    static String loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            Files.createDirectories(dataDir);
            String secret = ServiceTokens.newSecret();
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(file, secret + "\n");
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create " + file, e);
        }
    }
}

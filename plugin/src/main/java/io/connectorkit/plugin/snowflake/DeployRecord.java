package io.connectorkit.plugin.snowflake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.io.OutputStream;

/**
 * What this project last deployed to a Snowflake application: a fingerprint of the bundle's {@code snowflake/} files,
 * kept under {@code .connector/snowflake/<connection>/<app>} (it survives {@code mvn clean}). The goals compare the
 * built bundle with it to tell that the app runs older code than the one just built. It is this project's record,
 * not the account's: a deploy from elsewhere is not seen.
 */
public final class DeployRecord {

    private final Path folder;

    /** @param folder {@code .connector/snowflake} of the project */
    public DeployRecord(Path folder) {
        this.folder = folder;
    }

    /** Records that these files were deployed to the app through the connection. */
    public void deployed(String connection, String app, Map<String, Path> files) {
        Path file = file(connection, app);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, fingerprint(files) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot record the deploy in " + file, e);
        }
    }

    /** Whether the files are those last deployed; empty when this project never deployed the app there. */
    public Optional<Boolean> isDeployed(String connection, String app, Map<String, Path> files) {
        Path file = file(connection, app);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip().equals(fingerprint(files)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private Path file(String connection, String app) {
        return folder.resolve(safe(connection)).resolve(safe(app));
    }

    /** Connection and app names become file names: anything but letters, digits, - and _ becomes _. */
    static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    /** SHA-256 over every file's relative path and content, in path order. */
    static String fingerprint(Map<String, Path> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, Path> file : new TreeMap<>(files).entrySet()) {
                digest.update(file.getKey().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                try (InputStream in = new DigestInputStream(Files.newInputStream(file.getValue()), digest)) {
                    in.transferTo(OutputStreamSink.INSTANCE);
                }
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no SHA-256", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the bundle", e);
        }
    }

    /** Discards what a digest stream reads through. */
    private static final class OutputStreamSink extends OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
        }
    }
}

package io.connectorkit.fake.snowflake;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The files of one internal stage, by their path in it. Callers synchronize. */
final class FakeStage {

    /** A file as LIST shows it. */
    record StagedFile(String path, byte[] content, String md5, Instant lastModified) {}

    private final Map<String, StagedFile> files = new TreeMap<>();

    /**
     * Stores a file unless it exists and may not be overwritten, the way Snowflake treats OVERWRITE=FALSE.
     *
     * @return whether the file was stored
     */
    boolean put(String path, byte[] content, boolean overwrite) {
        if (!overwrite && files.containsKey(path)) {
            return false;
        }
        files.put(path, new StagedFile(path, content.clone(), md5(content), Instant.now()));
        return true;
    }

    /** The files whose path starts with the prefix and, if there is a pattern, matches it. */
    List<StagedFile> list(String prefix, Optional<Pattern> pattern) {
        return files.values().stream()
                .filter(file -> file.path().startsWith(prefix))
                .filter(file ->
                        pattern.map(p -> p.matcher(file.path()).matches()).orElse(true))
                .toList();
    }

    /** Deletes what {@link #list} finds and returns it. */
    List<StagedFile> remove(String prefix, Optional<Pattern> pattern) {
        List<StagedFile> removed = list(prefix, pattern);
        removed.forEach(file -> files.remove(file.path()));
        return removed;
    }

    /**
     * Makes LIST show another md5 for a file, such as the {@code <hex>-<parts>} that Snowflake shows for a file it
     * stored in parts. Storing the file again clears it.
     */
    void overrideMd5(String path, String md5) {
        StagedFile file = files.get(path);
        if (file == null) {
            throw new IllegalArgumentException("No file " + path + " in the stage; it has " + files.keySet());
        }
        files.put(path, new StagedFile(path, file.content(), md5, file.lastModified()));
    }

    Map<String, byte[]> contents() {
        Map<String, byte[]> contents = new LinkedHashMap<>();
        files.forEach((path, file) -> contents.put(path, file.content().clone()));
        return contents;
    }

    private static String md5(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has MD5", e);
        }
    }
}

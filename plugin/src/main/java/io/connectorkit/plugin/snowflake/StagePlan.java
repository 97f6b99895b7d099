package io.connectorkit.plugin.snowflake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a deploy must send to the stage: the local files that are new or differ from the stage's copy (by MD5, as
 * LIST reports it), and the stage files that are no longer in the bundle. Size is not compared: Snowflake reports
 * the stored size, which need not be the local one.
 *
 * @param upload new and changed files, and kept files that a removal takes with it, by path relative to the stage
 *     root
 * @param remove stage files the bundle no longer has
 * @param unchanged files already on the stage as they are locally
 */
public record StagePlan(List<String> upload, List<String> remove, List<String> unchanged) {

    private static final Pattern PLAIN_MD5 = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern MULTIPART_MD5 = Pattern.compile("([0-9a-f]{32})-([0-9]+)");
    private static final long MIB = 1024L * 1024L;

    /**
     * @param local the bundle's files by relative path
     * @param stage the stage's files by relative path, with the MD5 LIST reports (plain or multipart {@code md5-N})
     */
    public static StagePlan between(Map<String, Path> local, Map<String, String> stage) {
        List<String> upload = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        for (Map.Entry<String, Path> file : new TreeMap<>(local).entrySet()) {
            String remote = stage.get(file.getKey());
            if (remote != null && sameContent(file.getValue(), remote)) {
                unchanged.add(file.getKey());
            } else {
                upload.add(file.getKey());
            }
        }
        Set<String> remove = new LinkedHashSet<>(new TreeMap<>(stage).keySet());
        remove.removeAll(local.keySet());
        // REMOVE '@stage/p' removes every file whose path starts with p
        // (docs.snowflake.com/en/sql-reference/sql/remove:
        // "myobject" also matches "myobject.csv.gz"), and removals run first: a kept file that a removed path
        // prefixes is gone afterwards, so it is uploaded again.
        List<String> removedWithIt = unchanged.stream()
                .filter(kept -> remove.stream().anyMatch(kept::startsWith))
                .toList();
        unchanged.removeAll(removedWithIt);
        upload.addAll(removedWithIt);
        upload.sort(null);
        return new StagePlan(List.copyOf(upload), List.copyOf(remove), List.copyOf(unchanged));
    }

    public boolean changesNothing() {
        return upload.isEmpty() && remove.isEmpty();
    }

    /**
     * Whether the local file has the content LIST reports. A multipart upload reports the MD5 of its parts' MD5s and
     * the number of parts; the part size is not reported, so the usual ones are tried. Anything else counts as
     * different, which only costs an upload.
     */
    static boolean sameContent(Path file, String remoteMd5) {
        String md5 = remoteMd5.strip().replace("\"", "").toLowerCase(Locale.ROOT);
        if (PLAIN_MD5.matcher(md5).matches()) {
            return md5.equals(HexFormat.of().formatHex(digest(file, 0, Long.MAX_VALUE)));
        }
        Matcher multipart = MULTIPART_MD5.matcher(md5);
        if (!multipart.matches()) {
            return false;
        }
        int parts = Integer.parseInt(multipart.group(2));
        long size = size(file);
        for (long partSize : candidatePartSizes(size, parts)) {
            if (parts == (size + partSize - 1) / partSize && md5.equals(multipartMd5(file, partSize, parts))) {
                return true;
            }
        }
        return false;
    }

    private static List<Long> candidatePartSizes(long size, int parts) {
        long even = (size + parts - 1) / parts;
        return List.of(8 * MIB, 16 * MIB, 5 * MIB, 64 * MIB, even, (even + MIB - 1) / MIB * MIB);
    }

    private static String multipartMd5(Path file, long partSize, int parts) {
        MessageDigest ofParts = md5();
        for (int part = 0; part < parts; part++) {
            ofParts.update(digest(file, part * partSize, partSize));
        }
        return HexFormat.of().formatHex(ofParts.digest()) + "-" + parts;
    }

    private static byte[] digest(Path file, long offset, long length) {
        MessageDigest digest = md5();
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(offset);
            byte[] buffer = new byte[64 * 1024];
            long left = length;
            int read;
            while (left > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                digest.update(buffer, 0, read);
                left -= read;
            }
            return digest.digest();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

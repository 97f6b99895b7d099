package io.connectorkit.plugin.upgrade;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** An app bundle zip of {@code connector:bundle}, unpacked into a folder of its own. */
public final class BundleArchive {

    private BundleArchive() {}

    /**
     * Unpacks the zip into the folder (emptied first) and answers its embedded target's bundle, {@code local/}.
     *
     * @param shown how messages name the zip: {@code com.example:app:zip:app:1.3.0} or its path
     * @throws UpgradeCheckException when the file is not a zip of an app bundle
     */
    public static Path unpackLocal(Path zip, Path folder, String shown) throws UpgradeCheckException {
        if (!Files.isRegularFile(zip)) {
            throw new UpgradeCheckException("The previous bundle " + shown + " does not exist (" + zip + "); give the "
                    + "zip that connector:bundle writes (target/<name>-app.zip) with -Dconnector.fromBundle=...");
        }
        Path root = folder.toAbsolutePath().normalize();
        try {
            delete(root);
            Files.createDirectories(root);
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
                for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                    Path target = root.resolve(entry.getName()).normalize();
                    if (!target.startsWith(root)) {
                        throw new UpgradeCheckException("The previous bundle " + shown + " holds an entry outside "
                                + "its folder (" + entry.getName() + "); it is not a zip of connector:bundle");
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        copy(in, target);
                    }
                }
            }
        } catch (IOException e) {
            throw new UpgradeCheckException(
                    "The previous bundle " + shown + " cannot be unpacked into " + root + ": " + e.getMessage()
                            + "; give the zip that connector:bundle writes",
                    e);
        }
        Path local = root.resolve("local");
        if (!Files.isRegularFile(local.resolve("setup.sql")) || !Files.isDirectory(local.resolve("lib"))) {
            throw new UpgradeCheckException("The previous bundle " + shown + " has no embedded app (local/setup.sql "
                    + "and local/lib/): it is not a zip of connector:bundle, or of a kit too old to hold one; give "
                    + "another with -Dconnector.fromVersion=... or -Dconnector.fromBundle=...");
        }
        return local;
    }

    private static void copy(InputStream in, Path target) throws IOException {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }

    static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}

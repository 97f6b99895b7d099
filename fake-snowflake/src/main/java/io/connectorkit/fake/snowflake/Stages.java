package io.connectorkit.fake.snowflake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The internal stages of the fake and the PUT, LIST and REMOVE commands on them.
 *
 * <p>A PUT is answered with a folder of its own for the driver to copy the files into. The fake cannot tell when
 * the driver is done copying, so it takes the files in on the next look at the stages: a LIST, REMOVE or PUT, or a
 * test asking for files or bytes uploaded. By then a PUT on the same connection has returned.
 */
final class Stages {

    private static final DateTimeFormatter LAST_MODIFIED =
            DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private record PendingUpload(StageLocation target, Path folder, boolean overwrite) {}

    private final Path uploadsRoot;
    private final Map<String, FakeStage> stages = new HashMap<>();
    private final List<PendingUpload> pendingUploads = new ArrayList<>();
    private int uploadsPrepared;
    private long uploadedBytes;

    Stages(Path uploadsRoot) {
        this.uploadsRoot = uploadsRoot;
    }

    /** The folder the driver is to copy the files of this PUT into. */
    synchronized Path prepareUpload(StageCommand.Put put) throws IOException {
        // Earlier uploads are not taken in here: with PUTs running in parallel sessions, another driver may still be
        // copying into its folder. They are taken in by the next LIST, REMOVE or accessor, which come after.
        Path folder = Files.createDirectories(uploadsRoot.resolve(String.valueOf(++uploadsPrepared)));
        pendingUploads.add(new PendingUpload(put.target(), folder, put.overwrite()));
        return folder;
    }

    synchronized Reply.Result list(StageCommand.ListFiles command) {
        takeInUploads();
        StageLocation location = command.location();
        Reply.Result result = Reply.columns(
                Column.text("name"), Column.number("size"), Column.text("md5"), Column.text("last_modified"));
        for (FakeStage.StagedFile file : stage(location.stage()).list(location.path(), command.pattern())) {
            result = result.row(
                    location.listedName(file.path()),
                    file.content().length,
                    file.md5(),
                    LAST_MODIFIED.format(file.lastModified()));
        }
        return result;
    }

    synchronized Reply.Result remove(StageCommand.Remove command) {
        takeInUploads();
        StageLocation location = command.location();
        Reply.Result result = Reply.columns(Column.text("name"), Column.text("result"));
        for (FakeStage.StagedFile file : stage(location.stage()).remove(location.path(), command.pattern())) {
            result = result.row(location.listedName(file.path()), "removed");
        }
        return result;
    }

    synchronized Map<String, byte[]> files(String stageName) {
        takeInUploads();
        return stage(StageLocation.parse(stageName).stage()).contents();
    }

    synchronized void addFile(String stageName, String path, byte[] content) {
        takeInUploads();
        stage(StageLocation.parse(stageName).stage()).put(path, content, true);
    }

    synchronized void overrideMd5(String stageName, String path, String md5) {
        takeInUploads();
        stage(StageLocation.parse(stageName).stage()).overrideMd5(path, md5);
    }

    synchronized long uploadedBytes() {
        takeInUploads();
        return uploadedBytes;
    }

    private FakeStage stage(String name) {
        return stages.computeIfAbsent(name, ignored -> new FakeStage());
    }

    private void takeInUploads() {
        for (PendingUpload upload : pendingUploads) {
            FakeStage stage = stage(upload.target().stage());
            try (Stream<Path> walk = Files.walk(upload.folder())) {
                for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                    String path = upload.target().folder()
                            + upload.folder().relativize(file).toString().replace('\\', '/');
                    byte[] content = Files.readAllBytes(file);
                    if (stage.put(path, content, upload.overwrite())) {
                        uploadedBytes += content.length;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Could not take in the files of a PUT from " + upload.folder(), e);
            }
            deleteRecursively(upload.folder());
        }
        pendingUploads.clear();
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + root, e);
        }
    }
}

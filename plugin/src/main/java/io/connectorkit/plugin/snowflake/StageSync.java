package io.connectorkit.plugin.snowflake;

import io.connectorkit.plugin.render.Dialect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Makes a stage hold exactly the files of a local folder: lists the stage, removes what the folder no longer has,
 * and uploads only new and changed files, several at a time, uncompressed (a Native App reads its files as they are).
 */
public final class StageSync {

    private final SnowflakeSession session;
    private final String stage;
    private final int parallelism;

    /**
     * @param stage the stage as SQL, without the {@code @}: {@code "MY_PKG".APP_SRC.STAGE}
     * @param parallelism how many uploads run at once, each in its own session
     */
    public StageSync(SnowflakeSession session, String stage, int parallelism) {
        this.session = session;
        this.stage = stage;
        this.parallelism = Math.max(1, parallelism);
    }

    /** What a sync did. */
    public record Result(StagePlan plan, long uploadedBytes) {}

    public Result sync(Map<String, Path> files) throws SQLException {
        StagePlan plan = StagePlan.between(files, listing());
        for (String path : plan.remove()) {
            session.execute("REMOVE " + location(path));
        }
        upload(plan.upload(), files);
        long bytes = 0;
        for (String path : plan.upload()) {
            bytes += size(files.get(path));
        }
        return new Result(plan, bytes);
    }

    /** The stage's files by path relative to its root, with the MD5 LIST reports. */
    Map<String, String> listing() throws SQLException {
        Map<String, String> files = new LinkedHashMap<>();
        for (Map<String, Object> row : session.query("LIST " + location(""))) {
            String name = String.valueOf(row.get("name"));
            // LIST names a file by the stage's own name and its path: "stage/lib/connector.jar".
            String path = name.substring(name.indexOf('/') + 1);
            files.put(path, String.valueOf(row.get("md5")));
        }
        return files;
    }

    private void upload(List<String> paths, Map<String, Path> files) throws SQLException {
        if (paths.isEmpty()) {
            return;
        }
        if (paths.size() == 1 || parallelism == 1) {
            for (String path : paths) {
                put(session, path, files.get(path));
            }
            return;
        }
        List<List<String>> shares = new ArrayList<>();
        for (int i = 0; i < Math.min(parallelism, paths.size()); i++) {
            shares.add(new ArrayList<>());
        }
        for (int i = 0; i < paths.size(); i++) {
            shares.get(i % shares.size()).add(paths.get(i));
        }
        ExecutorService uploaders = Executors.newFixedThreadPool(shares.size());
        try {
            List<Future<Void>> uploads = new ArrayList<>();
            for (List<String> share : shares) {
                uploads.add(uploaders.submit(() -> {
                    try (SnowflakeSession uploader = session.another()) {
                        for (String path : share) {
                            put(uploader, path, files.get(path));
                        }
                    }
                    return null;
                }));
            }
            for (Future<Void> upload : uploads) {
                upload.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new IllegalStateException("An upload to the stage failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while uploading to the stage", e);
        } finally {
            uploaders.shutdownNow();
        }
    }

    private void put(SnowflakeSession target, String path, Path file) throws SQLException {
        int slash = path.lastIndexOf('/');
        String folder = slash < 0 ? "" : path.substring(0, slash);
        String source = "file://" + file.toAbsolutePath().toString().replace('\\', '/');
        target.execute("PUT " + Dialect.SNOWFLAKE.sqlLiteral(source) + " " + location(folder)
                + " AUTO_COMPRESS = FALSE OVERWRITE = TRUE");
    }

    /** A stage path as a quoted location: {@code '@"PKG".APP_SRC.STAGE/lib'}. */
    private String location(String path) {
        return Dialect.SNOWFLAKE.sqlLiteral("@" + stage + (path.isEmpty() ? "" : "/" + path));
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

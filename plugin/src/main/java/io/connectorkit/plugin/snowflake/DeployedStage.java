package io.connectorkit.plugin.snowflake;

import io.connectorkit.runtime.sql.Identifier;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a deploy would find on Snowflake, read with SHOW and LIST only: whether the application package and the
 * application exist (and whether the kit made them), and the package stage's files with the MD5 LIST reports.
 *
 * @param packageExists whether the application package exists
 * @param packageIsOurs whether it carries the kit's marker (false when it does not exist)
 * @param appExists whether the application exists
 * @param appIsOurs whether it carries the kit's marker (false when it does not exist)
 * @param stage the stage's files by path with their MD5; empty when the package or its stage does not exist
 */
public record DeployedStage(
        boolean packageExists, boolean packageIsOurs, boolean appExists, boolean appIsOurs, Map<String, String> stage) {

    /**
     * The error Snowflake answers for an object that does not exist or the role may not see, here a stage the
     * package does not have yet ("SQL compilation error: Stage '…' does not exist or not authorized"):
     * https://docs.snowflake.com/en/sql-reference/sql/list (the stage must exist; LIST needs READ on it).
     */
    static final int DOES_NOT_EXIST_OR_NOT_AUTHORIZED = 2003;

    /**
     * Reads the state of the app and its package.
     *
     * @param app the application's name
     * @param pkg the application package's name
     */
    public static DeployedStage read(SnowflakeSession session, String app, String pkg) throws DeployException {
        Identifier appName = Identifier.parse(app);
        Identifier pkgName = Identifier.parse(pkg);
        Optional<Map<String, Object>> foundPackage = find(session, "SHOW APPLICATION PACKAGES", pkgName, app, pkg);
        Optional<Map<String, Object>> foundApp = find(session, "SHOW APPLICATIONS", appName, app, pkg);
        Map<String, String> files = Map.of();
        if (foundPackage.isPresent()) {
            try {
                files = new StageSync(session, stageOf(pkg), 1).listing();
            } catch (SQLException e) {
                if (e.getErrorCode() != DOES_NOT_EXIST_OR_NOT_AUTHORIZED) {
                    throw SnowflakeErrors.explain(e, "listing the stage @" + stageOf(pkg), app, pkg);
                }
            }
        }
        return new DeployedStage(
                foundPackage.isPresent(),
                foundPackage.map(DeployedStage::isOurs).orElse(false),
                foundApp.isPresent(),
                foundApp.map(DeployedStage::isOurs).orElse(false),
                files);
    }

    /** The package's stage as SQL, as the installer names it: {@code "PKG".APP_SRC.STAGE}. */
    public static String stageOf(String pkg) {
        return Identifier.parse(pkg).sql() + ".APP_SRC.STAGE";
    }

    /** Whether the stage holds the path with the local file's content (by LIST's MD5). */
    public boolean holds(String path, Path localFile) {
        String md5 = stage.get(path);
        return md5 != null && StagePlan.sameContent(localFile, md5);
    }

    /** What a sync of these local files would upload and remove. */
    public StagePlan planFor(Map<String, Path> files) {
        return StagePlan.between(files, stage);
    }

    /** The comment the kit gives what it creates, for a reader of a plan. */
    public static String marker() {
        return NativeAppInstaller.MARKER;
    }

    private static boolean isOurs(Map<String, Object> row) {
        return String.valueOf(row.get("comment")).contains(NativeAppInstaller.MARKER);
    }

    /** The row of the named object; names are compared in Java, so none goes into the SQL. */
    private static Optional<Map<String, Object>> find(
            SnowflakeSession session, String show, Identifier name, String app, String pkg) throws DeployException {
        try {
            List<Map<String, Object>> rows = session.query(show);
            return rows.stream()
                    .filter(row -> Objects.equals(name.name(), String.valueOf(row.get("name"))))
                    .findFirst();
        } catch (SQLException e) {
            throw SnowflakeErrors.explain(e, "running " + show, app, pkg);
        }
    }
}

package io.connectorkit.plugin.snowflake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.plugin.descriptor.VersionNumbers;
import io.connectorkit.plugin.render.Dialect;
import io.connectorkit.runtime.sql.Identifier;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The application package, marked as the kit's, and its stage synced with the bundle: what both a deploy and a
 * publish start from. The package is created if it is missing and refused if the kit did not create it; the stage
 * takes the bundle's files by their MD5 ({@link StageSync}), so an unchanged bundle uploads nothing.
 */
final class PackageStage {

    /** Marks the objects the kit created; it refuses to change or drop objects without it. */
    static final String MARKER = "GENERATED_BY_CONNECTOR_KIT";
    /**
     * The comments the Snowflake CLI gives what {@code snow app run} creates (the second from older versions); it
     * refuses an app or package whose comment is neither (snowflake-cli, src/snowflake/cli/_plugins/nativeapp/
     * constants.py), so the kit's apps are never the CLI's.
     */
    static final List<String> CLI_MARKERS = List.of("GENERATED_BY_SNOWFLAKECLI", "GENERATED_BY_SNOWCLI");

    private static final int UPLOADS_AT_ONCE = 4;

    /**
     * What to prepare.
     *
     * @param pkg the application package
     * @param force whether a package without the kit's marker may be adopted
     * @param validate whether Snowflake validates the setup script once the stage holds it
     * @param snowparkVersion the Snowpark version the procedures pin, checked when validating; empty = unchecked
     */
    record Request(Identifier pkg, boolean force, boolean validate, Optional<String> snowparkVersion) {}

    private final SnowflakeStatements statements;
    private final Consumer<String> log;

    PackageStage(SnowflakeStatements statements, Consumer<String> log) {
        this.statements = statements;
        this.log = log;
    }

    /** The stage's SQL name: {@code "PKG".APP_SRC.STAGE}. */
    static String stage(Identifier pkg) {
        return pkg.sql() + ".APP_SRC.STAGE";
    }

    /** The stage as the string literal that USING takes: {@code '@"PKG".APP_SRC.STAGE'}. */
    static String stageLocation(Identifier pkg) {
        return Dialect.SNOWFLAKE.sqlLiteral("@" + stage(pkg));
    }

    /** Makes the package and its stage exist and hold the bundle's files; answers the sync's result. */
    StageSync.Result prepare(Request request, Map<String, Path> files) throws DeployException {
        requireOfferedSnowpark(request);
        return sync(request, find(request.pkg()), files);
    }

    /** As {@link #prepare(Request, Map)}, for a package already looked up with {@link #find}. */
    StageSync.Result prepare(Request request, Optional<Map<String, Object>> existing, Map<String, Path> files)
            throws DeployException {
        requireOfferedSnowpark(request);
        return sync(request, existing, files);
    }

    /** The package's row in SHOW APPLICATION PACKAGES, if the account has it. */
    Optional<Map<String, Object>> find(Identifier pkg) throws DeployException {
        return statements.find("SHOW APPLICATION PACKAGES", pkg, "listing packages");
    }

    private void requireOfferedSnowpark(Request request) throws DeployException {
        if (request.validate() && request.snowparkVersion().isPresent()) {
            requireOfferedSnowpark(request.snowparkVersion().get());
        }
    }

    private StageSync.Result sync(Request request, Optional<Map<String, Object>> existing, Map<String, Path> files)
            throws DeployException {
        Identifier pkg = request.pkg();
        if (existing.isPresent()) {
            requireOurs(existing.get(), "application package", pkg, request.force());
        } else {
            statements.run(
                    "CREATE APPLICATION PACKAGE IF NOT EXISTS " + pkg.sql() + " COMMENT = '" + MARKER + "'",
                    "creating the application package");
            log.accept("Created application package " + pkg.name());
        }
        statements.run("CREATE SCHEMA IF NOT EXISTS " + pkg.sql() + ".APP_SRC", "creating the stage's schema");
        // Server-side encryption only: LIST's MD5 then matches the local file's, which the sync relies on.
        statements.run(
                "CREATE STAGE IF NOT EXISTS " + stage(pkg) + " ENCRYPTION = (TYPE = 'SNOWFLAKE_SSE') "
                        + "DIRECTORY = (ENABLE = TRUE)",
                "creating the stage");
        StageSync.Result synced;
        try {
            synced = new StageSync(statements.session(), stage(pkg), UPLOADS_AT_ONCE).sync(files);
        } catch (SQLException e) {
            throw statements.explain(e, "syncing the stage @" + stage(pkg));
        }
        log.accept("Stage @" + pkg.name() + ".APP_SRC.STAGE: "
                + synced.plan().upload().size() + " uploaded ("
                + synced.uploadedBytes() + " bytes), " + synced.plan().remove().size() + " removed, "
                + synced.plan().unchanged().size() + " unchanged");
        if (request.validate()) {
            validate(stageLocation(pkg));
        }
        return synced;
    }

    /** Refuses an object whose comment lacks the kit's marker, unless {@code force} adopts it. */
    void requireOurs(Map<String, Object> row, String kind, Identifier name, boolean force) throws DeployException {
        if (String.valueOf(row.get("comment")).contains(MARKER)) {
            return;
        }
        if (force) {
            log.accept("The " + kind + " " + name.name() + " was not created by Connector Kit; using it anyway, as "
                    + "-Dconnector.force=true allows");
            return;
        }
        String comment = String.valueOf(row.get("comment"));
        if (CLI_MARKERS.contains(comment)) {
            throw new DeployException("The " + kind + " " + name.name() + " was created by the Snowflake CLI (snow "
                    + "app run; its comment is " + comment + "), which manages it from its snowflake.yml, so the kit "
                    + "leaves it alone. The two tools each keep their own app: deploy the kit's under other names "
                    + "(-Dconnector.appName / -Dconnector.packageName), remove the CLI's with snow app teardown in the "
                    + "folder of its snowflake.yml, or take it over with -Dconnector.force=true (the CLI then refuses "
                    + "it)");
        }
        throw new DeployException("The " + kind + " " + name.name() + " exists but was not created by Connector Kit "
                + "(its comment lacks " + MARKER + "), so it is left alone; choose another name "
                + "(-Dconnector.appName / -Dconnector.packageName) or take it over with -Dconnector.force=true");
    }

    /**
     * Stops when Snowflake does not offer the Snowpark version the procedures pin: the setup script would fail at
     * their CREATE PROCEDURE. The offered versions are the rows of INFORMATION_SCHEMA.PACKAGES (columns
     * PACKAGE_NAME, VERSION, LANGUAGE; https://docs.snowflake.com/en/sql-reference/info-schema/packages), read
     * through the SNOWFLAKE database, which every account has, since a session need not have a current database.
     */
    private void requireOfferedSnowpark(String pinned) throws DeployException {
        List<String> offered = statements
                .query(
                        "SELECT VERSION FROM SNOWFLAKE.INFORMATION_SCHEMA.PACKAGES WHERE "
                                + "LANGUAGE = 'java' AND PACKAGE_NAME = ?",
                        "listing the Snowpark versions Snowflake offers",
                        Descriptor.SNOWPARK_PACKAGE)
                .stream()
                .map(row -> String.valueOf(row.get("version")))
                .distinct()
                .sorted(VersionNumbers.ORDER)
                .toList();
        if (offered.isEmpty()) {
            log.accept("Warning: Snowflake lists no version of " + Descriptor.SNOWPARK_PACKAGE + " for Java "
                    + "(SNOWFLAKE.INFORMATION_SCHEMA.PACKAGES), so the pinned " + pinned + " is not checked");
            return;
        }
        log.accept("Snowflake offers " + Descriptor.SNOWPARK_PACKAGE + " " + String.join(", ", offered) + " for Java; "
                + "the app's procedures pin " + pinned);
        List<String> runnable = offered.stream()
                .filter(version -> VersionNumbers.ORDER.compare(version, Descriptor.DEFAULT_SNOWPARK_VERSION) >= 0)
                .toList();
        String installed = pinned.equals("latest") ? offered.get(offered.size() - 1) : pinned;
        if (runnable.contains(installed)) {
            return;
        }
        String offeredList = String.join(", ", offered);
        if (runnable.isEmpty()) {
            throw new DeployException("Snowflake offers no Snowpark version the connector runtime runs on ("
                    + Descriptor.DEFAULT_SNOWPARK_VERSION + " or newer): INFORMATION_SCHEMA.PACKAGES lists "
                    + offeredList + ". The connector's procedures cannot run in this account; deploy to one that "
                    + "offers such a version");
        }
        throw new DeployException("The app's procedures pin " + Descriptor.SNOWPARK_PACKAGE + ":" + pinned + ", which "
                + "Snowflake does not offer (it offers " + offeredList + "); set app.snowparkVersion in the connector "
                + "descriptor (connector.yaml) to one of " + String.join(", ", runnable) + ", then build and deploy "
                + "again");
    }

    private void validate(String stageLocation) throws DeployException {
        List<Map<String, Object>> rows = statements.query(
                "CALL SYSTEM$VALIDATE_NATIVE_APP_SETUP(" + stageLocation + ")", "validating the setup script");
        JsonNode result;
        try {
            result = new ObjectMapper()
                    .readTree(String.valueOf(rows.get(0).values().iterator().next()));
        } catch (Exception e) {
            throw new DeployException("Snowflake's validation answered something unreadable: " + rows, e);
        }
        for (JsonNode warning : result.path("warnings")) {
            log.accept("Validation warning: " + warning.path("message").asText(warning.toString()));
        }
        if ("FAIL".equalsIgnoreCase(result.path("status").asText())) {
            List<String> errors = new ArrayList<>();
            result.path("errors")
                    .forEach(error -> errors.add(error.path("message").asText(error.toString())));
            throw new DeployException("Snowflake refused the setup script: " + String.join("; ", errors)
                    + ". Fix the descriptor or the template override and deploy again");
        }
        log.accept("Snowflake validated the setup script");
    }
}

package io.connectorkit.plugin.snowflake;

import io.connectorkit.plugin.descriptor.Telemetry;
import io.connectorkit.runtime.sql.Identifier;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Whether the deploy authorizes the app to share its events with the provider, and which optional event definitions
 * it shares. Snowflake installs an app whose manifest has a MANDATORY event definition only with
 * {@code AUTHORIZE_TELEMETRY_EVENT_SHARING = TRUE} on CREATE APPLICATION (error 93321 otherwise); an installed app is
 * authorized with {@code ALTER APPLICATION … SET AUTHORIZE_TELEMETRY_EVENT_SHARING = TRUE}, and its optional
 * definitions are shared with {@code ALTER APPLICATION … SET SHARED TELEMETRY EVENTS ('SNOWFLAKE$…', …)}, which names
 * the mandatory ones too (https://docs.snowflake.com/en/developer-guide/native-apps/event-definition; the Snowflake
 * CLI sends the same statements, snowflake-cli src/snowflake/cli/_plugins/nativeapp/sf_sql_facade.py). The kit sends
 * them only when asked ({@code -Dconnector.authorizeTelemetry=true}): it is the consumer's consent.
 *
 * @param authorize whether to authorize event sharing
 * @param definitions the app's event definitions (the descriptor's)
 * @param sharedOptional the OPTIONAL definitions' types to share as well
 */
public record TelemetrySharing(
        boolean authorize, List<Telemetry.EventDefinition> definitions, List<String> sharedOptional) {

    /** Authorizes nothing: what a deploy sends without the parameter, as before the kit knew of event sharing. */
    public static final TelemetrySharing NOT_AUTHORIZED = new TelemetrySharing(false, List.of(), List.of());

    public TelemetrySharing {
        definitions = List.copyOf(definitions);
        sharedOptional = List.copyOf(sharedOptional);
    }

    /**
     * The sharing a deploy asks for. {@code sharedEvents} lists OPTIONAL definition types, comma-separated (empty for
     * none); each must be one the descriptor declares as OPTIONAL, and sharing any needs the authorization.
     *
     * @throws IllegalArgumentException naming the parameter, the value and the fix
     */
    public static TelemetrySharing of(Telemetry telemetry, boolean authorize, String sharedEvents) {
        List<String> optional = new ArrayList<>();
        if (sharedEvents != null && !sharedEvents.isBlank()) {
            List<String> declared = telemetry.events().stream()
                    .filter(event -> !event.mandatory())
                    .map(Telemetry.EventDefinition::type)
                    .toList();
            for (String item : sharedEvents.split(",")) {
                String type = item.strip().toUpperCase(Locale.ROOT).replaceFirst("^SNOWFLAKE\\$", "");
                if (!declared.contains(type)) {
                    throw new IllegalArgumentException("connector.sharedEvents names '" + item.strip() + "', which is "
                            + "not an OPTIONAL event definition of the app (manifest.telemetry.events in "
                            + "connector.yaml declares " + (declared.isEmpty() ? "none" : String.join(", ", declared))
                            + "); name those, or leave connector.sharedEvents out; nothing was deployed");
                }
                if (!optional.contains(type)) {
                    optional.add(type);
                }
            }
            if (!authorize) {
                throw new IllegalArgumentException("connector.sharedEvents=" + sharedEvents + " shares events with the "
                        + "provider, which needs the consumer's authorization: add -Dconnector.authorizeTelemetry=true;"
                        + " nothing was deployed");
            }
        }
        return new TelemetrySharing(authorize, telemetry.events(), optional);
    }

    /** What CREATE APPLICATION adds before its COMMENT: the authorization, when given. */
    String createClause() {
        return authorize ? " AUTHORIZE_TELEMETRY_EVENT_SHARING = TRUE" : "";
    }

    void afterCreate(SnowflakeSession session, Identifier app, NativeAppInstaller.Request request, Consumer<String> log)
            throws DeployException {
        if (authorize) {
            log.accept("Authorized application " + app.name() + " to share its telemetry events with the provider "
                    + "(AUTHORIZE_TELEMETRY_EVENT_SHARING = TRUE)");
        }
        share(session, app, request, log);
    }

    /** An upgrade keeps the app's authorization; it is given now if asked, since the new version may need it. */
    void afterUpgrade(
            SnowflakeSession session, Identifier app, NativeAppInstaller.Request request, Consumer<String> log)
            throws DeployException {
        if (!authorize) {
            if (definitions.stream().anyMatch(Telemetry.EventDefinition::mandatory)) {
                log.accept("Warning: the app declares MANDATORY telemetry event definitions; unless " + app.name()
                        + " was authorized to share events before, they are not shared: deploy with "
                        + "-Dconnector.authorizeTelemetry=true to authorize it");
            }
            return;
        }
        execute(
                session,
                "ALTER APPLICATION " + app.sql() + " SET AUTHORIZE_TELEMETRY_EVENT_SHARING = TRUE",
                "authorizing event sharing",
                request);
        log.accept("Authorized application " + app.name() + " to share its telemetry events with the provider");
        share(session, app, request, log);
    }

    private void share(
            SnowflakeSession session, Identifier app, NativeAppInstaller.Request request, Consumer<String> log)
            throws DeployException {
        if (sharedOptional.isEmpty()) {
            return;
        }
        // The names come from the descriptor's validated vocabulary (SNOWFLAKE$ + a known type), not free text.
        List<String> names = definitions.stream()
                .filter(event -> event.mandatory() || sharedOptional.contains(event.type()))
                .map(Telemetry.EventDefinition::name)
                .toList();
        execute(
                session,
                "ALTER APPLICATION " + app.sql() + " SET SHARED TELEMETRY EVENTS ("
                        + String.join(
                                ", ",
                                names.stream().map(name -> "'" + name + "'").toList()) + ")",
                "sharing the telemetry events " + String.join(", ", names),
                request);
        log.accept("Application " + app.name() + " shares the telemetry events " + String.join(", ", names));
    }

    private static void execute(SnowflakeSession session, String sql, String doing, NativeAppInstaller.Request request)
            throws DeployException {
        try {
            session.execute(sql);
        } catch (SQLException e) {
            throw SnowflakeErrors.explain(e, doing, request.app(), request.pkg());
        }
    }
}

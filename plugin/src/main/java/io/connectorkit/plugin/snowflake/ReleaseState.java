package io.connectorkit.plugin.snowflake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectorkit.runtime.sql.Identifier;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.io.IOException;

/**
 * What an application package releases: its versions and their patches, its release channels with the versions each
 * holds, and each channel's release directives. Read from SHOW VERSIONS, SHOW RELEASE CHANNELS and SHOW RELEASE
 * DIRECTIVES (https://docs.snowflake.com/en/developer-guide/native-apps/release-channels,
 * https://docs.snowflake.com/en/sql-reference/sql/alter-application-package-release-channel); names are Snowflake's,
 * as those statements show them.
 *
 * @param packageName the package's name
 * @param versions the versions in the order SHOW VERSIONS lists them
 * @param channels the release channels; none for a package made without them
 */
public record ReleaseState(String packageName, List<Version> versions, List<Channel> channels) {

    /** The name of a channel's default release directive, as SHOW RELEASE DIRECTIVES shows it. */
    public static final String DEFAULT_DIRECTIVE = "DEFAULT";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A version of the package.
     *
     * @param name the version's name
     * @param label its label
     * @param patches its patch numbers, ascending
     * @param updatedOn when its newest patch was made, as SHOW VERSIONS shows it
     */
    public record Version(String name, String label, List<Integer> patches, String updatedOn) {

        /** The newest patch. */
        public int newestPatch() {
            return patches.get(patches.size() - 1);
        }
    }

    /** A release directive of a channel: the default one serves every account, a custom one its accounts. */
    public record Directive(String name, List<String> accounts, String version, int patch) {

        /** Whether this is the channel's default release directive. */
        public boolean isDefault() {
            return accounts.isEmpty() && name.equals(DEFAULT_DIRECTIVE);
        }
    }

    /** A release channel: the versions it holds and its release directives. */
    public record Channel(String name, List<String> versions, List<Directive> directives) {

        /** The directive of that name, if the channel has it. */
        public Optional<Directive> directive(String directive) {
            return directives.stream().filter(d -> d.name().equals(directive)).findFirst();
        }
    }

    /**
     * Reads the releases of the package; empty when the account has no such package.
     *
     * @param app the application's name, for messages
     * @param pkg the application package's name
     */
    public static Optional<ReleaseState> read(SnowflakeSession session, String app, String pkg)
            throws DeployException {
        Identifier name = Identifier.parse(pkg);
        SnowflakeStatements statements = new SnowflakeStatements(session, app, pkg, SnowflakeErrors.Goal.PUBLISH);
        if (statements.find("SHOW APPLICATION PACKAGES", name, "listing packages").isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(read(statements, name));
    }

    /** Reads the package's releases; a package without release channels has none. */
    static ReleaseState read(SnowflakeStatements statements, Identifier pkg) throws DeployException {
        Map<String, Version> versions = new LinkedHashMap<>();
        for (Map<String, Object> row : statements.query("SHOW VERSIONS IN APPLICATION PACKAGE " + pkg.sql(),
                "listing versions")) {
            String name = String.valueOf(row.get("version"));
            int patch = Integer.parseInt(String.valueOf(row.get("patch")).strip());
            Version known = versions.get(name);
            List<Integer> patches = new ArrayList<>(known == null ? List.of() : known.patches());
            patches.add(patch);
            patches.sort(Comparator.naturalOrder());
            String updatedOn = String.valueOf(row.get("created_on"));
            if (known != null && known.updatedOn().compareTo(updatedOn) > 0) {
                updatedOn = known.updatedOn();
            }
            versions.put(name, new Version(name, text(row.get("label")), List.copyOf(patches), updatedOn));
        }
        List<Channel> channels = new ArrayList<>();
        List<Map<String, Object>> channelRows = releaseChannels(statements, pkg);
        if (!channelRows.isEmpty()) {
            List<Map<String, Object>> directiveRows = statements.query("SHOW RELEASE DIRECTIVES IN APPLICATION PACKAGE "
                    + pkg.sql(), "listing release directives");
            for (Map<String, Object> row : channelRows) {
                String name = String.valueOf(row.get("name"));
                List<Directive> directives = directiveRows.stream()
                        .filter(directive -> name.equals(String.valueOf(directive.get("release_channel_name"))))
                        .map(ReleaseState::directive).toList();
                channels.add(new Channel(name, names(row.get("versions")), directives));
            }
        }
        return new ReleaseState(pkg.name(), List.copyOf(versions.values()), List.copyOf(channels));
    }

    /**
     * The package's release channels; none for a package without them, and none where Snowflake cannot compile
     * SHOW RELEASE CHANNELS (an account without the feature), as Snowflake's CLI also takes it.
     */
    static List<Map<String, Object>> releaseChannels(SnowflakeStatements statements, Identifier pkg)
            throws DeployException {
        try {
            return statements.session().query("SHOW RELEASE CHANNELS IN APPLICATION PACKAGE " + pkg.sql());
        } catch (SQLException e) {
            if (e.getErrorCode() == SnowflakeErrors.SQL_COMPILATION_ERROR) {
                return List.of();
            }
            throw statements.explain(e, "listing release channels");
        }
    }

    /** Whether the package has release channels (new packages have them, for good). */
    public boolean hasChannels() {
        return !channels.isEmpty();
    }

    /** The version of that name, if the package has it. */
    public Optional<Version> version(String name) {
        return versions.stream().filter(v -> v.name().equals(name)).findFirst();
    }

    /** The channel of that name, if the package has it. */
    public Optional<Channel> channel(String name) {
        return channels.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The versions no release channel holds. */
    public List<String> unboundVersions() {
        return versions.stream().map(Version::name)
                .filter(version -> channels.stream().noneMatch(channel -> channel.versions().contains(version)))
                .toList();
    }

    /** The state as lines for the build log. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("Application package " + packageName + ": " + (versions.isEmpty() ? "no versions" : versions.size()
                + " version" + (versions.size() == 1 ? "" : "s")));
        for (Version version : versions) {
            lines.add("  Version " + version.name() + ": " + patches(version.patches())
                    + (version.label().isEmpty() ? "" : ", label \"" + version.label() + "\""));
        }
        if (!hasChannels()) {
            lines.add("  No release channels (the package was made without them)");
            return lines;
        }
        for (Channel channel : channels) {
            lines.add("  Release channel " + channel.name() + ": " + (channel.versions().isEmpty() ? "no versions"
                    : "versions " + String.join(", ", channel.versions())));
            if (channel.directives().isEmpty()) {
                lines.add("    no release directive (consumers cannot install from this channel)");
            }
            for (Directive directive : channel.directives()) {
                lines.add("    release directive " + directive.name() + ": version " + directive.version() + " patch "
                        + directive.patch() + (directive.accounts().isEmpty() ? " (every account of the channel)"
                                : " for " + String.join(", ", directive.accounts())));
            }
        }
        List<String> unbound = unboundVersions();
        if (!unbound.isEmpty()) {
            lines.add("  In no release channel: " + String.join(", ", unbound));
        }
        return lines;
    }

    /** The state as one JSON document, for scripts. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode().put("package", packageName).put("releaseChannels", hasChannels());
        ArrayNode versionList = root.putArray("versions");
        for (Version version : versions) {
            ObjectNode node = versionList.addObject().put("name", version.name()).put("label", version.label());
            version.patches().forEach(node.putArray("patches")::add);
        }
        ArrayNode channelList = root.putArray("channels");
        for (Channel channel : channels) {
            ObjectNode node = channelList.addObject().put("name", channel.name());
            channel.versions().forEach(node.putArray("versions")::add);
            ArrayNode directives = node.putArray("directives");
            for (Directive directive : channel.directives()) {
                ObjectNode d = directives.addObject().put("name", directive.name())
                        .put("version", directive.version()).put("patch", directive.patch());
                directive.accounts().forEach(d.putArray("accounts")::add);
            }
        }
        unboundVersions().forEach(root.putArray("unboundVersions")::add);
        return root.toString();
    }

    private static Directive directive(Map<String, Object> row) {
        Object target = row.get("target_name");
        List<String> accounts = target == null || String.valueOf(target).isBlank() ? List.of()
                : names(target).stream().flatMap(name -> Arrays.stream(name.split(","))).map(String::strip)
                        .filter(name -> !name.isEmpty()).sorted().toList();
        return new Directive(String.valueOf(row.get("name")), accounts, String.valueOf(row.get("version")),
                Integer.parseInt(String.valueOf(row.get("patch")).strip()));
    }

    /** The names of a column that lists them: a JSON array ({@code ["V1","V2"]}) or plain text. */
    private static List<String> names(Object column) {
        String text = column == null ? "" : String.valueOf(column).strip();
        if (text.isEmpty()) {
            return List.of();
        }
        if (text.startsWith("[")) {
            try {
                List<String> names = new ArrayList<>();
                for (JsonNode name : JSON.readTree(text)) {
                    names.add(name.asText());
                }
                return names;
            } catch (IOException e) {
                // Not JSON after all: read it as plain text below.
            }
        }
        return List.of(text);
    }

    private static String patches(List<Integer> patches) {
        return patches.size() == 1 ? "patch " + patches.get(0)
                : "patches " + patches.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }
}

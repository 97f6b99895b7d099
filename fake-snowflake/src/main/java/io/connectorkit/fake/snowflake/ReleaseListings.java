package io.connectorkit.fake.snowflake;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What SHOW VERSIONS, SHOW RELEASE CHANNELS and SHOW RELEASE DIRECTIVES answer about a package's
 * {@link PackageReleases}, with the columns Snowflake's CLI reads (snowflake-cli,
 * src/snowflake/cli/_plugins/nativeapp/sf_sql_facade.py): versions as a JSON array, custom directives' accounts.
 */
final class ReleaseListings {

    private static final DateTimeFormatter SHOWN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final Pattern FOR_CHANNEL = Pattern.compile(" FOR RELEASE CHANNEL " + PackageReleases.NAME + "$");

    private ReleaseListings() {}

    /** SHOW VERSIONS: a row for each patch of each version. */
    static Reply versions(PackageReleases.Releases releases) {
        Reply.Result result = Reply.columns(
                Column.text("version"),
                Column.number("patch"),
                Column.text("label"),
                Column.text("created_on"),
                Column.text("review_status"));
        for (Map.Entry<String, PackageReleases.Version> version : releases.versions.entrySet()) {
            List<PackageReleases.Patch> patches = version.getValue().patches();
            for (int patch = 0; patch < patches.size(); patch++) {
                result = result.row(
                        version.getKey(),
                        patch,
                        version.getValue().label(),
                        SHOWN.format(patches.get(patch).createdOn()),
                        "NOT_REVIEWED");
            }
        }
        return result;
    }

    /** SHOW RELEASE CHANNELS: QA, ALPHA and DEFAULT for a new package, none for one without release channels. */
    static Reply channels(PackageReleases.Releases releases) {
        Reply.Result result = Reply.columns(
                Column.text("name"),
                Column.text("description"),
                Column.text("created_on"),
                Column.text("updated_on"),
                Column.text("targets"),
                Column.text("versions"));
        for (Map.Entry<String, PackageReleases.Channel> channel : releases.channels.entrySet()) {
            String versionList = channel.getValue().versions.stream()
                    .map(version -> '"' + version + '"')
                    .collect(Collectors.joining(",", "[", "]"));
            result = result.row(
                    channel.getKey(), "", "2026-11-27 10:00:00.000", "2026-11-27 10:00:00.000", "{}", versionList);
        }
        return result;
    }

    /**
     * SHOW RELEASE DIRECTIVES [FOR RELEASE CHANNEL c]: a row for each directive, a custom one's accounts in
     * {@code target_name}, comma-separated.
     */
    static Reply directives(PackageReleases.Releases releases, String sql) {
        Matcher forChannel = FOR_CHANNEL.matcher(sql);
        Optional<String> only = forChannel.find() ? Optional.of(forChannel.group(1)) : Optional.empty();
        Reply.Result result = Reply.columns(
                Column.text("name"),
                Column.text("target_type"),
                Column.text("target_name"),
                Column.text("created_on"),
                Column.text("version"),
                Column.number("patch"),
                Column.text("release_channel_name"));
        Map<String, PackageReleases.Channel> channels = releases.channels;
        if (only.isPresent() && !channels.containsKey(only.get())) {
            return Reply.error(
                    PackageReleases.DOES_NOT_EXIST,
                    "02000",
                    "Release channel '" + only.get() + "' does not exist or not " + "authorized.");
        }
        for (Map.Entry<String, PackageReleases.Channel> channel : channels.entrySet()) {
            if (only.isPresent() && !only.get().equals(channel.getKey())) {
                continue;
            }
            for (Map.Entry<String, PackageReleases.Directive> directive :
                    channel.getValue().directives.entrySet()) {
                PackageReleases.Directive value = directive.getValue();
                boolean custom = !value.accounts().isEmpty();
                result = result.row(
                        directive.getKey(),
                        custom ? "ACCOUNT" : null,
                        custom ? String.join(",", new TreeSet<>(value.accounts())) : null,
                        SHOWN.format(value.createdOn()),
                        value.version(),
                        value.patch(),
                        channel.getKey());
            }
        }
        return result;
    }
}

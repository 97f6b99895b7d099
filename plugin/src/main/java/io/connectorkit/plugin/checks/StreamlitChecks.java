package io.connectorkit.plugin.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.connectorkit.runtime.sql.Identifier;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The manifest's {@code artifacts.default_streamlit} names the Streamlit object Snowsight opens for the app; it must be
 * one the setup script creates (https://docs.snowflake.com/en/developer-guide/native-apps/creating-manifest), which a
 * template override or a {@code manifest.defaultStreamlit} without the connector's SQL could break.
 */
public final class StreamlitChecks {

    private static final Pattern CREATE_STREAMLIT = Pattern.compile(
            "CREATE\\s+(?:OR\\s+(?:REPLACE|ALTER)\\s+)?STREAMLIT\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?([A-Za-z0-9_.$\"]+)",
            Pattern.CASE_INSENSITIVE);

    private StreamlitChecks() {}

    /** One problem when the manifest's default Streamlit is not created by the setup script; none otherwise. */
    public static List<String> defaultStreamlit(String manifestFile, String manifest, String setupFile, String setup) {
        String named;
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(manifest);
            JsonNode value = root == null ? null : root.path("artifacts").get("default_streamlit");
            if (value == null || value.isNull()) {
                return List.of();
            }
            named = value.asText();
        } catch (IOException e) {
            return List.of(); // StaticChecks.manifest reports a manifest that is not YAML
        }
        Matcher creates = CREATE_STREAMLIT.matcher(setup);
        while (creates.find()) {
            if (sameName(creates.group(1), named)) {
                return List.of();
            }
        }
        return List.of(manifestFile + ": artifacts.default_streamlit names " + named + ", which " + setupFile
                + " does not create; create it in the connector's SQL (CREATE OR REPLACE STREAMLIT " + named
                + " FROM '/streamlit' MAIN_FILE = '…'), or remove manifest.defaultStreamlit to use the generated app");
    }

    /** Schema-qualified names compared part by part, as Snowflake resolves them (unquoted parts upper-case). */
    private static boolean sameName(String created, String named) {
        String[] left = created.split("\\.");
        String[] right = named.split("\\.");
        if (left.length != right.length) {
            return false;
        }
        for (int i = 0; i < left.length; i++) {
            try {
                if (!Identifier.parse(left[i])
                        .sql()
                        .equals(Identifier.parse(right[i]).sql())) {
                    return false;
                }
            } catch (IllegalArgumentException e) {
                if (!left[i].toUpperCase(Locale.ROOT).equals(right[i].toUpperCase(Locale.ROOT))) {
                    return false;
                }
            }
        }
        return true;
    }
}

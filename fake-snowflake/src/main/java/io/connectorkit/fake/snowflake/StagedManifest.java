package io.connectorkit.fake.snowflake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Collections;

/**
 * The staged {@code manifest.yml}, read and checked the way Snowflake checks it when an application is created or
 * upgraded from it: the references it declares, with what Snowflake refuses about them.
 *
 * @param references the declared references by name (upper case), with their object types and cardinality
 * @param setupScript the path in the stage of the setup script, which is staged
 * @param privileges the account privileges the app requests (upper case), with their descriptions, in order
 * @param version {@code manifest_version}: under 2 Snowflake grants the listed privileges it can grant automatically
 *     at install and upgrade (https://docs.snowflake.com/en/developer-guide/native-apps/requesting-auto-privs)
 */
record StagedManifest(Map<String, Reference> references, String setupScript, Map<String, String> privileges,
        int version) {

    /** What manifest version 2 grants by itself (the page above lists them). */
    static final List<String> AUTOMATICALLY_GRANTED = List.of("EXECUTE TASK", "EXECUTE MANAGED TASK",
            "CREATE WAREHOUSE", "CREATE COMPUTE POOL", "BIND SERVICE ENDPOINT", "CREATE DATABASE",
            "CREATE EXTERNAL ACCESS INTEGRATION", "CREATE SECURITY INTEGRATION");

    /**
     * Snowflake's code for a manifest property with a value it does not accept (NATIVE_APPLICATION_MANIFEST_
     * UNEXPECTED_VALUE_FOR_PROPERTY in the Snowflake CLI's errno.py). The message text is the fake's: Snowflake
     * documents the rule, not the wording.
     */
    static final int UNEXPECTED_VALUE = 93302;
    /** APPLICATION_PACKAGE_MANIFEST_SPECIFIED_FILE_NOT_FOUND in the Snowflake CLI's errno.py. */
    static final int FILE_NOT_FOUND = 93003;
    /** NATIVE_APPLICATION_MANIFEST_INVALID_SYNTAX in the Snowflake CLI's errno.py. */
    static final int INVALID_SYNTAX = 93300;

    /**
     * Object types whose references need a configuration callback and cannot be multi-valued
     * (https://docs.snowflake.com/en/developer-guide/native-apps/requesting-refs).
     */
    private static final List<String> CALLBACK_TYPES = List.of("SECRET", "EXTERNAL ACCESS INTEGRATION");

    /** One reference of the manifest. */
    record Reference(String name, String objectType, boolean multiValued) {
    }

    StagedManifest(Map<String, Reference> references, String setupScript, Map<String, String> privileges) {
        this(references, setupScript, privileges, 1);
    }

    /** The privileges Snowflake grants the app at install and upgrade: none under version 1. */
    List<String> automaticallyGranted() {
        return version < 2 ? List.of() : privileges.keySet().stream().filter(AUTOMATICALLY_GRANTED::contains)
                .toList();
    }

    StagedManifest {
        references = Map.copyOf(references);
        privileges = Collections.unmodifiableMap(new LinkedHashMap<>(privileges));
    }

    /** Reads the manifest among the staged files, or refuses the install as Snowflake does. */
    static StagedManifest read(Map<String, byte[]> files) {
        byte[] text = files.get("manifest.yml");
        if (text == null) {
            throw new SnowflakeRefusal(FILE_NOT_FOUND, "02000", "The manifest file manifest.yml was not found in the "
                    + "stage's root.");
        }
        JsonNode manifest;
        try {
            manifest = new ObjectMapper(new YAMLFactory()).readTree(text);
        } catch (IOException e) {
            throw new SnowflakeRefusal(INVALID_SYNTAX, "22000", "Invalid manifest file syntax: " + e.getMessage());
        }
        JsonNode versionNode = manifest.path("manifest_version");
        int version = versionNode.isMissingNode() ? 1 : versionNode.asInt(0);
        if (version != 1 && version != 2) {
            throw unexpected("manifest_version", "the supported manifest versions are 1 and 2");
        }
        Map<String, Reference> references = new LinkedHashMap<>();
        for (JsonNode item : manifest.path("references")) {
            for (Map.Entry<String, JsonNode> entry : (Iterable<Map.Entry<String, JsonNode>>) item::fields) {
                String name = entry.getKey();
                JsonNode reference = entry.getValue();
                String type = reference.path("object_type").asText("").toUpperCase(Locale.ROOT);
                boolean multiValued = reference.path("multi_valued").asBoolean(false);
                if (CALLBACK_TYPES.contains(type) && multiValued) {
                    throw unexpected("references." + name + ".multi_valued", "a reference of type " + type
                            + " must be single-valued");
                }
                if (CALLBACK_TYPES.contains(type) && reference.path("configuration_callback").asText("").isEmpty()) {
                    throw unexpected("references." + name + ".configuration_callback", "a reference of type " + type
                            + " requires a configuration_callback");
                }
                references.put(name.toUpperCase(Locale.ROOT), new Reference(name, type, multiValued));
            }
        }
        Map<String, String> privileges = new LinkedHashMap<>();
        for (JsonNode item : manifest.path("privileges")) {
            for (Map.Entry<String, JsonNode> entry : (Iterable<Map.Entry<String, JsonNode>>) item::fields) {
                privileges.put(entry.getKey().toUpperCase(Locale.ROOT), entry.getValue().path("description").asText(""));
            }
        }
        return new StagedManifest(references, setupScript(manifest, files), privileges, version);
    }

    /**
     * The setup script: the one {@code artifacts.setup_script} names, else {@code setup.sql} beside the manifest; the
     * stage must hold it (https://docs.snowflake.com/en/developer-guide/native-apps/creating-manifest).
     */
    private static String setupScript(JsonNode manifest, Map<String, byte[]> files) {
        String path = manifest.path("artifacts").path("setup_script").asText("setup.sql").replaceFirst("^/", "");
        if (!files.containsKey(path)) {
            throw new SnowflakeRefusal(FILE_NOT_FOUND, "02000", "The setup script file " + path + " specified in "
                    + "the manifest was not found in the stage.");
        }
        return path;
    }

    private static SnowflakeRefusal unexpected(String property, String why) {
        return new SnowflakeRefusal(UNEXPECTED_VALUE, "22000", "Unexpected value for property '" + property
                + "' in the manifest file: " + why + ".");
    }
}

package io.connectorkit.fake.snowflake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The staged {@code manifest.yml}, read and checked the way Snowflake checks it when an application is created or
 * upgraded from it: the references it declares, with what Snowflake refuses about them.
 *
 * @param references the declared references by name (upper case), with their object types and cardinality
 * @param setupScript the staged path of the setup script ({@code artifacts.setup_script})
 */
record StagedManifest(Map<String, Reference> references, String setupScript) {

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

    StagedManifest {
        references = Map.copyOf(references);
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
        return new StagedManifest(references, manifest.path("artifacts").path("setup_script").asText("setup.sql"));
    }

    private static SnowflakeRefusal unexpected(String property, String why) {
        return new SnowflakeRefusal(UNEXPECTED_VALUE, "22000", "Unexpected value for property '" + property
                + "' in the manifest file: " + why + ".");
    }
}

package io.connectorkit.plugin.maven;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Facts about this kit, for the headers of generated files. */
public final class KitVersion {

    private KitVersion() {}

    public static String version() {
        Properties properties = new Properties();
        try (InputStream in = KitVersion.class.getResourceAsStream("kit.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version", "unknown");
    }

    public static String generator() {
        return "Connector Kit " + version();
    }
}

package io.connectorkit.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Facts about this kit, for the headers of generated files. */
final class Kit {

    private Kit() {
    }

    static String version() {
        Properties properties = new Properties();
        try (InputStream in = Kit.class.getResourceAsStream("kit.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version", "unknown");
    }

    static String generator() {
        return "Connector Kit " + version();
    }
}

package io.connectorkit.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plugin descriptor the build generates, as Maven reads it: every goal may run in a parallel build
 * ({@code mvn -T}, mvnd) and every goal names its own parameters.
 */
class PluginDescriptorTest {

    @Test
    void everyGoalIsThreadSafe() throws Exception {
        Document descriptor;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/maven/plugin.xml")) {
            assertThat(in).as("the plugin descriptor on the class path").isNotNull();
            descriptor = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
        NodeList mojos = descriptor.getElementsByTagName("mojo");
        List<String> notThreadSafe = new ArrayList<>();
        for (int i = 0; i < mojos.getLength(); i++) {
            Element mojo = (Element) mojos.item(i);
            String goal = mojo.getElementsByTagName("goal").item(0).getTextContent();
            NodeList threadSafe = mojo.getElementsByTagName("threadSafe");
            if (threadSafe.getLength() == 0 || !threadSafe.item(0).getTextContent().equals("true")) {
                notThreadSafe.add(goal);
            }
        }
        assertThat(mojos.getLength()).isGreaterThanOrEqualTo(17);
        assertThat(notThreadSafe).as("goals without threadSafe = true").isEmpty();
    }

    /** The README's goal reference names every goal and, in its parameter table, every {@code -D} property. */
    @Test
    void theReadmeNamesEveryGoalAndEveryProperty() throws Exception {
        Document descriptor;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/maven/plugin.xml")) {
            descriptor = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
        String readme = Files.readString(Path.of("../README.md"));
        String reference = readme.substring(readme.indexOf("## Goal reference"),
                readme.indexOf("\n## ", readme.indexOf("## Goal reference") + 1));
        List<String> missing = new ArrayList<>();
        NodeList mojos = descriptor.getElementsByTagName("mojo");
        for (int i = 0; i < mojos.getLength(); i++) {
            Element mojo = (Element) mojos.item(i);
            String goal = mojo.getElementsByTagName("goal").item(0).getTextContent();
            if (!reference.contains("`connector:" + goal + "`")) {
                missing.add("goal " + goal);
            }
            NodeList configuration = mojo.getElementsByTagName("configuration");
            if (configuration.getLength() == 0) {
                continue;
            }
            NodeList parameters = configuration.item(0).getChildNodes();
            for (int j = 0; j < parameters.getLength(); j++) {
                if (parameters.item(j) instanceof Element parameter) {
                    Matcher property = Pattern.compile("\\$\\{([\\w.]+)}")
                            .matcher(parameter.getTextContent());
                    if (property.matches() && property.group(1).startsWith("connector.")
                            && !reference.contains("`" + property.group(1) + "`")) {
                        missing.add(goal + ": " + property.group(1));
                    }
                }
            }
        }
        assertThat(missing).as("goals and properties the README's goal reference does not name").isEmpty();
    }
}

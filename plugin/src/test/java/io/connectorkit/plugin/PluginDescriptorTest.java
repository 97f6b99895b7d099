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
}

package io.connectorkit.plugin.operate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The stats chart's geometry, read back from its SVG: a value axis from 0 to a round maximum in four steps, one bar
 * per hour whose height is its share of that maximum, a red mark with the count over each hour with failed runs, and
 * hour labels (with the day under the first and under midnight) thinned out on long ranges.
 */
class StatsChartTest {

    private static final int LEFT = 64;
    private static final int TOP = 30;
    private static final int PLOT_HEIGHT = 220;
    private static final int BASELINE = TOP + PLOT_HEIGHT;
    private static final LocalDateTime START = LocalDateTime.parse("2026-11-26T22:00");

    @Test
    void aDayOfHoursHasItsBarsScaledToARoundMaximumAndItsFailuresMarked() throws Exception {
        // The largest hour has 500 rows: the axis goes to 500 in steps of 125.
        Element svg = chart(List.of(hour(0, 400, 0), hour(1, 250, 2), hour(2, 0, 0), hour(3, 500, 0)));

        int slot = 28;
        assertThat(svg.getAttribute("width")).isEqualTo(String.valueOf(LEFT + 4 * slot + 20));
        assertThat(svg.getAttribute("height")).isEqualTo(String.valueOf(TOP + PLOT_HEIGHT + 64));
        assertThat(texts(svg, "y-label")).containsExactly("0", "125", "250", "375", "500");
        assertThat(attributes(svg, "line", "grid", "y1")).containsExactly("250", "195", "140", "85", "30");
        assertThat(attributes(svg, "line", "grid", "x2")).containsOnly(String.valueOf(LEFT + 4 * slot));

        List<Element> bars = elements(svg, "rect", null).subList(0, 4);
        assertThat(bars).extracting(bar -> bar.getAttribute("height")).containsExactly("176", "110", "0", "220");
        assertThat(bars).extracting(bar -> bar.getAttribute("y")).containsExactly("74", "140", "250", "30");
        assertThat(bars)
                .extracting(bar -> bar.getAttribute("x"))
                .containsExactly(
                        String.valueOf(LEFT + slot / 8),
                        String.valueOf(LEFT + slot + slot / 8),
                        String.valueOf(LEFT + 2 * slot + slot / 8),
                        String.valueOf(LEFT + 3 * slot + slot / 8));
        assertThat(bars).extracting(bar -> bar.getAttribute("width")).containsOnly(String.valueOf(slot - slot / 4));

        List<Element> marks = elements(svg, "circle", "failed");
        assertThat(marks).singleElement().satisfies(mark -> {
            assertThat(mark.getAttribute("cx")).isEqualTo(String.valueOf(LEFT + slot + slot / 2));
            assertThat(mark.getAttribute("cy")).isEqualTo(String.valueOf(BASELINE - 110 - 10));
            assertThat(mark.getNextSibling().getTextContent()).isEqualTo("2");
        });
        assertThat(elements(svg, "g", "hour"))
                .extracting(group -> group.getElementsByTagName("title").item(0).getTextContent())
                .containsExactly(
                        "2026-11-26 22:00 UTC: 400 rows",
                        "2026-11-26 23:00 UTC: 250 rows, 2 failed",
                        "2026-11-27 00:00 UTC: 0 rows",
                        "2026-11-27 01:00 UTC: 500 rows");

        // Every hour is labelled; the day goes under the first hour and under midnight.
        assertThat(texts(svg, "x-label")).containsExactly("22", "23", "00", "01");
        assertThat(texts(svg, "x-day")).containsExactly("11-26", "11-27");
        assertThat(attributes(svg, "text", "x-label", "y")).containsOnly(String.valueOf(BASELINE + 14));
    }

    @Test
    void hoursWithoutRowsHaveAnAxisToOneAndNoBars() throws Exception {
        Element svg = chart(List.of(hour(0, 0, 0), hour(1, 0, 1)));

        assertThat(texts(svg, "y-label")).containsExactly("0", "0", "0", "0", "1");
        assertThat(elements(svg, "rect", null).subList(0, 2))
                .extracting(bar -> bar.getAttribute("height"))
                .containsOnly("0");
        assertThat(elements(svg, "circle", "failed"))
                .singleElement()
                .satisfies(mark -> assertThat(mark.getAttribute("cy")).isEqualTo(String.valueOf(BASELINE - 10)));
    }

    @Test
    void threeDaysOfHoursAreNarrowerAndLabelledEveryThirdHour() throws Exception {
        List<StatsReport.Hour> hours = new ArrayList<>();
        for (int i = 0; i < 72; i++) {
            hours.add(hour(i, i, 0));
        }

        Element svg = chart(hours);

        int slot = 1344 / 72;
        assertThat(svg.getAttribute("width")).isEqualTo(String.valueOf(LEFT + 72 * slot + 20));
        assertThat(elements(svg, "rect", null).get(1).getAttribute("x"))
                .isEqualTo(String.valueOf(LEFT + slot + slot / 8));
        List<String> labels = texts(svg, "x-label");
        assertThat(labels).hasSize(24).startsWith("22", "01", "04", "07");
        // 22:00 is the first hour, and the label after midnight (01:00) is the first of each new day.
        assertThat(texts(svg, "x-day")).containsExactly("11-26", "11-27", "11-28", "11-29");
    }

    @Test
    void aLongRangeKeepsBarsAtLeastFourWideAndAboutTwentyFourLabels() throws Exception {
        List<StatsReport.Hour> hours = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            hours.add(hour(i, 10, 0));
        }

        Element svg = chart(hours);

        assertThat(svg.getAttribute("width")).isEqualTo(String.valueOf(LEFT + 400 * 4 + 20));
        assertThat(elements(svg, "rect", null).get(0).getAttribute("width")).isEqualTo("3");
        assertThat(texts(svg, "x-label")).hasSize(24);
    }

    private static StatsReport.Hour hour(int offset, long rows, long failed) {
        return new StatsReport.Hour(START.plusHours(offset), rows, failed);
    }

    private static Element chart(List<StatsReport.Hour> hours) throws Exception {
        String svg = new StatsReport("demo", hours, List.of(), List.of(), 0, null).chart();
        return DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)))
                .getDocumentElement();
    }

    /** The elements of a tag, in document order, with the class given (any class when null). */
    private static List<Element> elements(Element svg, String tag, String cssClass) {
        NodeList nodes = svg.getElementsByTagName(tag);
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element element = (Element) nodes.item(i);
            if (cssClass == null || cssClass.equals(element.getAttribute("class"))) {
                found.add(element);
            }
        }
        return found;
    }

    private static List<String> texts(Element svg, String cssClass) {
        return elements(svg, "text", cssClass).stream()
                .map(Element::getTextContent)
                .toList();
    }

    private static List<String> attributes(Element svg, String tag, String cssClass, String attribute) {
        return elements(svg, tag, cssClass).stream()
                .map(element -> element.getAttribute(attribute))
                .toList();
    }
}

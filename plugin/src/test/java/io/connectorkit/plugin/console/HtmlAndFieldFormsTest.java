package io.connectorkit.plugin.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.runtime.config.FieldType;
import io.connectorkit.runtime.spi.ConnectorDescription;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HtmlAndFieldFormsTest {

    private static final List<ConnectorDescription.Field> FIELDS = List.of(
            new ConnectorDescription.Field("page_size", FieldType.INTEGER, false, "100", "Records per request"),
            new ConnectorDescription.Field("closed", FieldType.BOOLEAN, false, "false", ""),
            new ConnectorDescription.Field("base_url", FieldType.URL, true, null, ""),
            new ConnectorDescription.Field("api_token", FieldType.SECRET, true, null, ""),
            new ConnectorDescription.Field("extra", FieldType.OBJECT, false, null, ""));

    @Test
    void textEscapesEveryCharacterThatCouldOpenMarkupOrLeaveAnAttribute() {
        assertThat(Html.text("<a href=\"x\" onclick='y'>&</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
        assertThat(Html.text(null)).isEmpty();
    }

    @Test
    void onlyHttpLinksBecomeLinks() {
        assertThat(Html.link("https://docs.snowflake.com/x?a=1&b=2", "Docs"))
                .isEqualTo("<a href=\"https://docs.snowflake.com/x?a=1&amp;b=2\" target=\"_blank\" "
                        + "rel=\"noopener noreferrer\">Docs</a>");
        assertThat(Html.link("javascript:alert(1)", "Docs")).isEqualTo("Docs (javascript:alert(1))")
                .doesNotContain("href");
    }

    @Test
    void inputsAreTypedByTheFieldsTypeAndASecretIsNeverSentBack() {
        String html = FieldForms.inputs(FIELDS, Map.of("page_size", "25", "closed", "true", "api_token",
                "\"API_TOKEN_SECRET\""), Map.of("f.api_token", "typed-secret"), false);

        assertThat(html).contains("<input type=\"number\" step=\"1\" id=\"field-page_size\" name=\"f.page_size\" "
                + "value=\"25\">", "name=\"f.closed\" value=\"true\" checked>", "<input type=\"text\" "
                + "id=\"field-base_url\" name=\"f.base_url\" value=\"\">", "<textarea id=\"field-extra\"",
                "<input type=\"password\" id=\"field-api_token\" name=\"f.api_token\" autocomplete=\"new-password\">")
                .doesNotContain("typed-secret", "value=\"API_TOKEN_SECRET\"");
        assertThat(FieldForms.inputs(FIELDS, Map.of(), Map.of(), true)).contains("value=\"100\" disabled>");
    }

    @Test
    void aSubmittedFormBecomesTypedJsonWithTheSecretsApartAndEachBadValueNamed() {
        FieldForms.Parsed parsed = FieldForms.parse(FIELDS, FormData.parse("f.page_size=50&present.closed=1"
                + "&f.base_url=https%3A%2F%2Fapi.example.com&f.api_token=s3cr%26t&f.extra=%7B%22a%22%3A1%7D"),
                "connection configuration");

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.values().toString())
                .isEqualTo("{\"page_size\":50,\"closed\":false,\"base_url\":\"https://api.example.com\","
                        + "\"extra\":{\"a\":1}}");
        assertThat(parsed.secrets()).isEqualTo(Map.of("api_token", "s3cr&t"));

        FieldForms.Parsed bad = FieldForms.parse(FIELDS, FormData.parse("f.page_size=1.5&f.base_url=ftp%3A%2F%2Fx"
                + "&f.api_token=s3cret&f.extra=%5B%5D"), "connection configuration");
        assertThat(bad.problems()).containsExactly(
                "connection configuration: page_size '1.5' is not valid: it must be a whole number; enter a whole "
                        + "number",
                "connection configuration: base_url 'ftp://x' is not valid: it must start with http:// or https://; "
                        + "enter an absolute http or https URL such as https://api.example.com",
                "connection configuration: extra '[]' is not valid: it must be a JSON object, but it is an array; "
                        + "enter a JSON object");
        assertThat(String.join("\n", bad.problems())).doesNotContain("s3cret");

        FieldForms.Parsed missing = FieldForms.parse(FIELDS, FormData.parse(""), "connection configuration");
        assertThat(missing.problems()).containsExactly("connection configuration: base_url is required; enter an "
                + "absolute http or https URL such as https://api.example.com");
        assertThat(missing.values().has("page_size")).isFalse();
    }

    private static final List<ConnectorDescription.Field> CHOICES = List.of(
            new ConnectorDescription.Field("sync_mode", FieldType.CHOICE, false, "\"full\"", "",
                    List.of("incremental", "full", "<both>")),
            new ConnectorDescription.Field("region", FieldType.CHOICE, true, null, "", List.of("eu", "us")));

    @Test
    void aChoiceFieldIsASelectOfItsEscapedChoicesWithTheCurrentValueSelected() {
        String html = FieldForms.inputs(CHOICES, Map.of("region", "\"us\""), Map.of(), false);

        assertThat(html).contains("<select id=\"field-sync_mode\" name=\"f.sync_mode\"><option value=\"\"></option>"
                        + "<option value=\"incremental\">incremental</option><option value=\"full\" selected>full"
                        + "</option><option value=\"&lt;both&gt;\">&lt;both&gt;</option></select>",
                "<select id=\"field-region\" name=\"f.region\"><option value=\"eu\">eu</option>"
                        + "<option value=\"us\" selected>us</option></select>",
                "choice: one of eu, us")
                .doesNotContain("<both>");
        assertThat(FieldForms.inputs(CHOICES, Map.of(), Map.of(), true)).contains("<select id=\"field-region\" "
                + "name=\"f.region\" disabled><option value=\"\" selected></option><option value=\"eu\">eu</option>");
    }

    @Test
    void aSavedValueTheChoicesNoLongerOfferIsNamedBesideTheEmptySelection() {
        String html = FieldForms.inputs(CHOICES, Map.of("region", "\"<ap>\""), Map.of(), false);

        assertThat(html).contains("<select id=\"field-region\" name=\"f.region\"><option value=\"\" selected>"
                + "</option>", "The saved value '&lt;ap&gt;' is no longer one of the choices; pick one of eu, us")
                .doesNotContain("<ap>");
        assertThat(FieldForms.inputs(CHOICES, Map.of("region", "\"eu\""), Map.of(), false))
                .doesNotContain("no longer one of the choices");
    }

    @Test
    void aPostedValueThatIsNoChoiceIsNamedWithTheChoices() {
        FieldForms.Parsed parsed = FieldForms.parse(CHOICES, FormData.parse("f.sync_mode=%3Cboth%3E&f.region=eu"),
                "connector configuration");
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.values().toString()).isEqualTo("{\"sync_mode\":\"<both>\",\"region\":\"eu\"}");

        FieldForms.Parsed bad = FieldForms.parse(CHOICES, FormData.parse("f.sync_mode=delta"),
                "connector configuration");
        assertThat(bad.problems()).containsExactly(
                "connector configuration: sync_mode 'delta' is not valid: it is not one of the choices; enter one of "
                        + "incremental, full, <both>",
                "connector configuration: region is required; enter one of eu, us");
        assertThat(bad.values().isEmpty()).isTrue();
    }
}

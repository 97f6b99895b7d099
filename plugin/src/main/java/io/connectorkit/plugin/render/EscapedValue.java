package io.connectorkit.plugin.render;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import freemarker.template.SimpleScalar;
import freemarker.template.TemplateHashModel;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import io.connectorkit.runtime.sql.Identifier;

/**
 * A value that came from the descriptor or the project, as templates see it. It has no plain form: a template must
 * say how to write it — {@code ${x.sql}} (a SQL string literal of the dialect), {@code ${x.identifier}} (a quoted
 * SQL identifier), {@code ${x.yaml}} (a YAML string), {@code ${x.md}} (Markdown table text) or {@code ${x.text}}
 * (as it is, for comments) — so a value can never reach SQL or YAML unescaped. A missing value is SQL NULL and YAML
 * null.
 */
final class EscapedValue implements TemplateHashModel {

    private final String value;
    private final Dialect dialect;

    EscapedValue(String value, Dialect dialect) {
        this.value = value;
        this.dialect = dialect;
    }

    @Override
    public TemplateModel get(String key) throws TemplateModelException {
        return new SimpleScalar(
                switch (key) {
                    case "sql" -> value == null ? "NULL" : dialect.sqlLiteral(value);
                    case "identifier" -> identifier();
                    case "yaml" ->
                        value == null
                                ? "null"
                                : '"'
                                        + new String(
                                                JsonStringEncoder.getInstance().quoteAsString(value))
                                        + '"';
                    case "md" ->
                        value == null
                                ? ""
                                : value.replace("\\", "\\\\")
                                        .replace("|", "\\|")
                                        .replaceAll("\\s*\n\\s*", " ");
                    case "text" -> value == null ? "" : value;
                    default ->
                        throw new TemplateModelException("A descriptor value has no form '" + key + "'; write it as "
                                + ".sql, .identifier, .yaml, .md or .text");
                });
    }

    private String identifier() throws TemplateModelException {
        try {
            return Identifier.parse(value).sql();
        } catch (Identifier.InvalidIdentifierException e) {
            throw new TemplateModelException(e.getMessage());
        }
    }

    @Override
    public boolean isEmpty() {
        return false;
    }
}

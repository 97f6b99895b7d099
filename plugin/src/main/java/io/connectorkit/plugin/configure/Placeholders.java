package io.connectorkit.plugin.configure;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Resolves the placeholders of a configuration file's values: {@code ${env.NAME}} (an environment variable),
 * {@code ${settings.SERVER_ID.password}} and {@code ${settings.SERVER_ID.username}} (a server of Maven's
 * settings.xml, decrypted) and {@code ${name}} (a system or Maven property). <code>$${</code> writes a literal
 * <code>${</code>.
 */
public final class Placeholders {

    /** A settings.xml server's decrypted credentials. */
    public record Server(String username, String password) {
        @Override
        public String toString() {
            return "Server[username=" + username + ", password=" + (password == null ? "none" : "********") + "]";
        }
    }

    /** Where placeholder values come from; the mojo wires Maven in, tests give maps. */
    public record Sources(
            Map<String, String> environment,
            Function<String, Optional<Server>> servers,
            Function<String, Optional<String>> properties) {}

    /** A resolved value and whether any of it came from a placeholder. */
    public record Resolved(String value, boolean fromPlaceholder) {}

    /** A placeholder that cannot be resolved; the message says which one and how to provide it. */
    public static final class UnresolvedException extends Exception {
        private static final long serialVersionUID = 1L;

        UnresolvedException(String message) {
            super(message);
        }
    }

    private final Sources sources;

    public Placeholders(Sources sources) {
        this.sources = sources;
    }

    public Resolved resolve(String text) throws UnresolvedException {
        StringBuilder value = new StringBuilder();
        boolean fromPlaceholder = false;
        int index = 0;
        while (index < text.length()) {
            if (text.startsWith("$${", index)) {
                value.append("${");
                index += 3;
                continue;
            }
            if (!text.startsWith("${", index)) {
                value.append(text.charAt(index++));
                continue;
            }
            int end = text.indexOf('}', index + 2);
            if (end < 0) {
                throw new UnresolvedException("the placeholder '" + text.substring(index) + "' is not closed; write "
                        + "it as ${env.NAME}, ${settings.SERVER_ID.password} or ${property.name}");
            }
            value.append(lookUp(text.substring(index + 2, end).strip()));
            fromPlaceholder = true;
            index = end + 1;
        }
        return new Resolved(value.toString(), fromPlaceholder);
    }

    private String lookUp(String expression) throws UnresolvedException {
        if (expression.isEmpty()) {
            throw new UnresolvedException("the placeholder ${} names nothing; write ${env.NAME}, "
                    + "${settings.SERVER_ID.password} or ${property.name}");
        }
        if (expression.startsWith("env.")) {
            String name = expression.substring("env.".length());
            String value = sources.environment().get(name);
            if (value == null) {
                throw new UnresolvedException("the environment variable " + name + " (from ${" + expression
                        + "}) is not set; export it before running Maven (in CI, as a masked variable)");
            }
            return value;
        }
        if (expression.startsWith("settings.")) {
            return fromSettings(expression);
        }
        return sources.properties()
                .apply(expression)
                .orElseThrow(() -> new UnresolvedException("the property '"
                        + expression + "' (from ${" + expression + "}) is not set; pass -D" + expression
                        + "=... or use "
                        + "${env.NAME} for an environment variable"));
    }

    private String fromSettings(String expression) throws UnresolvedException {
        int last = expression.lastIndexOf('.');
        String id = last > "settings.".length() ? expression.substring("settings.".length(), last) : "";
        String part = last > 0 ? expression.substring(last + 1) : "";
        if (id.isEmpty() || !(part.equals("password") || part.equals("username"))) {
            throw new UnresolvedException("the placeholder ${" + expression + "} is not a settings.xml value; write "
                    + "${settings.SERVER_ID.password} or ${settings.SERVER_ID.username}");
        }
        Server server = sources.servers()
                .apply(id)
                .orElseThrow(() -> new UnresolvedException("settings.xml has no "
                        + "<server> with id '" + id + "' (from ${" + expression + "}); add one with that id and its "
                        + "<username>/<password> (encrypted with mvn --encrypt-password if you like)"));
        String value = part.equals("password") ? server.password() : server.username();
        if (value == null) {
            throw new UnresolvedException("the <server> '" + id + "' of settings.xml has no <" + part + "> (from ${"
                    + expression + "}); add it");
        }
        return value;
    }
}

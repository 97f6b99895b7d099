package io.connectorkit.plugin.configure;

import io.connectorkit.plugin.yaml.Problem;
import java.util.List;
import java.util.stream.Collectors;

/** The configuration file cannot be used; every problem names its file, line, field and the fix. */
public final class ConfigurationFileException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public ConfigurationFileException(List<Problem> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String summary(List<Problem> problems) {
        if (problems.size() == 1) {
            return problems.get(0).toString() + "; nothing was called";
        }
        return problems.size() + " problems in the configuration file; nothing was called:" + problems.stream()
                .map(problem -> "\n  " + problem).collect(Collectors.joining());
    }
}

package io.connectorkit.plugin.descriptor;

import io.connectorkit.plugin.yaml.Problem;
import java.util.List;
import java.util.stream.Collectors;

/** The descriptor cannot be used; every problem names its file, line, field, value and the fix. */
public final class DescriptorException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public DescriptorException(List<Problem> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String summary(List<Problem> problems) {
        if (problems.size() == 1) {
            return problems.get(0).toString();
        }
        return problems.size() + " problems in the connector descriptor:" + problems.stream()
                .map(problem -> "\n  " + problem).collect(Collectors.joining());
    }
}

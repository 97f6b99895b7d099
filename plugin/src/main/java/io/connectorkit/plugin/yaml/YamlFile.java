package io.connectorkit.plugin.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A YAML file the kit reads (the descriptor, a configuration file), and the problems found in it so far. Its
 * {@link #root()} hands out {@link YamlNode}s, whose accessors record each problem here with its line and path, so
 * that a loader reads everything, then reports every problem at once.
 */
public final class YamlFile {

    private final String shownFile;
    private final LocatedYaml yaml;
    private final List<Problem> problems = new ArrayList<>();

    private YamlFile(String shownFile, LocatedYaml yaml) {
        this.shownFile = shownFile;
        this.yaml = yaml;
    }

    /**
     * Reads and parses the file.
     *
     * @param shownFile the file as messages name it
     * @param whenMissing the message (with its fix) when there is no such file
     * @throws UnreadableFileException when the file is missing, cannot be read or is not one YAML document
     */
    public static YamlFile read(Path file, String shownFile, String whenMissing) throws UnreadableFileException {
        if (!Files.isRegularFile(file)) {
            throw new UnreadableFileException(new Problem(shownFile, 0, "", whenMissing));
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UnreadableFileException(new Problem(shownFile, 0, "", "cannot be read: " + e));
        }
        return parse(text, shownFile);
    }

    /**
     * Parses YAML text.
     *
     * @param shownFile the file the text is from, as messages name it
     * @throws UnreadableFileException when the text is not one well-formed YAML document
     */
    public static YamlFile parse(String text, String shownFile) throws UnreadableFileException {
        try {
            return new YamlFile(shownFile, LocatedYaml.parse(text));
        } catch (LocatedYaml.YamlProblem e) {
            throw new UnreadableFileException(new Problem(shownFile, e.line, "", e.getMessage()
                    + "; fix the YAML syntax there"));
        }
    }

    /** The whole document; absent when the file holds no YAML value at all. */
    public YamlNode root() {
        return new YamlNode(this, "", yaml.root());
    }

    /**
     * A view of a value that stands at this pointer of the file, such as a copy of it with placeholders resolved:
     * its problems are reported at the original's line.
     */
    public YamlNode at(String pointer, JsonNode value) {
        return new YamlNode(this, pointer, value);
    }

    /** Records a problem of the value at this pointer ({@code /resources/0/id}). */
    public void problem(String pointer, String message) {
        problems.add(problemAt(pointer, message));
    }

    /** The problem of the value at this pointer, not recorded: for a loader that keeps some problems apart. */
    public Problem problemAt(String pointer, String message) {
        return new Problem(shownFile, line(pointer), YamlText.path(pointer), message);
    }

    /** The problems recorded so far, in the order they were found. */
    public List<Problem> problems() {
        return List.copyOf(problems);
    }

    /** How many problems have been recorded so far. */
    public int problemCount() {
        return problems.size();
    }

    /** The line of the value at this pointer, or of its nearest parent that the file has. */
    public int line(String pointer) {
        return yaml.line(pointer);
    }

    /** The file as messages name it. */
    public String shownFile() {
        return shownFile;
    }

    /** The file cannot be read as YAML at all; its one problem says why and where. */
    public static final class UnreadableFileException extends Exception {
        private static final long serialVersionUID = 1L;

        private final transient Problem problem;

        UnreadableFileException(Problem problem) {
            super(problem.toString());
            this.problem = problem;
        }

        /** Why the file cannot be read, with its line when the YAML is malformed. */
        public Problem problem() {
            return problem;
        }
    }
}

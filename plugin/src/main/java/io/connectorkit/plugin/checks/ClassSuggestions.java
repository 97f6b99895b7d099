package io.connectorkit.plugin.checks;

import io.connectorkit.plugin.yaml.YamlText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.Locale;

/**
 * The classes of the project itself (its compiled classes and its sources, not its dependencies), to suggest the
 * one a misspelled class name in the descriptor meant.
 */
public final class ClassSuggestions {

    private final Set<String> names;

    private ClassSuggestions(Set<String> names) {
        this.names = names;
    }

    /** None: no suggestion is ever made. */
    public static ClassSuggestions none() {
        return new ClassSuggestions(Set.of());
    }

    public static ClassSuggestions of(Collection<String> classNames) {
        return new ClassSuggestions(new TreeSet<>(classNames));
    }

    /**
     * The classes under these folders: {@code .class} files of class folders and {@code .java} files of source
     * roots. Jars and folders that do not exist are skipped; anonymous and local classes are left out.
     */
    public static ClassSuggestions scan(Collection<Path> classFolders, Collection<Path> sourceRoots) {
        Set<String> names = new TreeSet<>();
        classFolders.forEach(folder -> collect(folder, ".class", names));
        sourceRoots.forEach(folder -> collect(folder, ".java", names));
        return new ClassSuggestions(names);
    }

    public Set<String> names() {
        return names;
    }

    /**
     * The project class the name most likely meant: among the close ones (by edit distance of the whole name, or of
     * the simple name when the package is wrong), first one that fits the role, then one that cannot be loaded to
     * tell (a source not compiled yet), then any; empty when none is close.
     */
    public Optional<String> closest(String className, Class<?> contract, ClassLoader loader) {
        return names.stream().filter(candidate -> !candidate.equals(className) && isClose(className, candidate))
                .min(Comparator.<String>comparingInt(candidate -> fit(candidate, contract, loader))
                        .thenComparingInt(candidate -> YamlText.distance(className, candidate))
                        .thenComparing(Comparator.naturalOrder()));
    }

    static boolean isClose(String wanted, String candidate) {
        if (YamlText.distance(wanted.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT))
                <= Math.max(2, wanted.length() / 4)) {
            return true;
        }
        String wantedSimple = simpleName(wanted);
        return YamlText.distance(wantedSimple.toLowerCase(Locale.ROOT),
                simpleName(candidate).toLowerCase(Locale.ROOT)) <= Math.max(1, wantedSimple.length() / 5);
    }

    /** 0: fits the role, 1: cannot tell, 2: does not fit. */
    private static int fit(String candidate, Class<?> contract, ClassLoader loader) {
        try {
            return contract.isAssignableFrom(Class.forName(candidate, false, loader)) ? 0 : 2;
        } catch (ClassNotFoundException | LinkageError e) {
            return 1;
        }
    }

    private static String simpleName(String className) {
        return className.substring(Math.max(className.lastIndexOf('.'), className.lastIndexOf('$')) + 1);
    }

    private static void collect(Path root, String suffix, Set<String> names) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(file -> file.getFileName().toString().endsWith(suffix) && Files.isRegularFile(file))
                    .map(file -> root.relativize(file).toString())
                    .map(relative -> relative.substring(0, relative.length() - suffix.length())
                            .replace(root.getFileSystem().getSeparator(), "."))
                    .filter(name -> !name.endsWith("module-info") && !name.endsWith("package-info")
                            && !name.matches(".*\\$[0-9].*"))
                    .forEach(names::add);
        } catch (IOException | UncheckedIOException e) {
            // Only suggestions are lost; the check itself does not depend on them.
        }
    }
}

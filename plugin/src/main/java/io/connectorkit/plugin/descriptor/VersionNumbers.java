package io.connectorkit.plugin.descriptor;

import java.util.Comparator;

/** Versions such as {@code 1.15.0}, in the order of their numbers: 1.9.0 before 1.10.0. */
public final class VersionNumbers {

    /** Compares dot-separated parts as numbers where both are numbers, else as text; a missing part is lowest. */
    public static final Comparator<String> ORDER = VersionNumbers::compare;

    private VersionNumbers() {}

    private static int compare(String left, String right) {
        String[] leftParts = left.split("\\.");
        String[] rightParts = right.split("\\.");
        for (int i = 0; i < Math.min(leftParts.length, rightParts.length); i++) {
            int order = leftParts[i].matches("[0-9]{1,9}") && rightParts[i].matches("[0-9]{1,9}")
                    ? Integer.compare(Integer.parseInt(leftParts[i]), Integer.parseInt(rightParts[i]))
                    : leftParts[i].compareTo(rightParts[i]);
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(leftParts.length, rightParts.length);
    }
}

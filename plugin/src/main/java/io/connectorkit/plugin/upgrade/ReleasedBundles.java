package io.connectorkit.plugin.upgrade;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the released app bundles of the project come from: the zips {@code connector:bundle} attaches with
 * classifier {@code app}, installed or deployed like any artifact. The plugin answers it through Maven's resolver
 * (the local repository, then the project's remote repositories).
 */
public interface ReleasedBundles {

    /** The bundle's coordinates as messages name them: {@code com.example:github-connector:zip:app}. */
    String coordinates();

    /** The newest released (non-SNAPSHOT) version older than the given one, if any is known. */
    Optional<String> newestReleaseBefore(String version) throws UpgradeCheckException;

    /** The bundle zip of that version, fetched into the local repository if needed. */
    Path bundle(String version) throws UpgradeCheckException;
}

package io.connectorkit.plugin.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.plugin.plan.Change.Kind;
import io.connectorkit.plugin.plan.Change.Section;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What ManifestDiff makes of two manifests. */
class ManifestDiffTest {

    private static final String DEPLOYED = """
            manifest_version: 1
            version:
              name: "2.1"
            artifacts:
              setup_script: setup.sql
              default_streamlit: "STREAMLIT.UI"
            privileges:
              - "EXECUTE TASK":
                  description: "Run the ingestion tasks"
              - "CREATE DATABASE":
                  description: "Create the sink"
            references:
              - "WAREHOUSE_REFERENCE":
                  label: "Warehouse"
                  privileges:
                    - "USAGE"
                  object_type: "WAREHOUSE"
              - "OLD_SECRET":
                  label: "Old"
                  privileges: ["READ"]
                  object_type: "SECRET"
            """;

    private static final String NEXT = """
            manifest_version: 2
            version:
              name: "2.2"
            artifacts:
              setup_script: setup.sql
            privileges:
              - "EXECUTE TASK":
                  description: "Run the ingestion tasks"
              - "CREATE EXTERNAL ACCESS INTEGRATION":
                  description: "Reach GitHub"
            references:
              - "WAREHOUSE_REFERENCE":
                  label: "Warehouse"
                  privileges:
                    - "USAGE"
                    - "OPERATE"
                  object_type: "WAREHOUSE"
              - "GITHUB_EAI":
                  label: "GitHub"
                  privileges: ["USAGE"]
                  object_type: "EXTERNAL ACCESS INTEGRATION"
            """;

    @Test
    void privilegesAreAddedAndRemovedByName() throws Exception {
        assertThat(ManifestDiff.between(DEPLOYED, NEXT))
                .filteredOn(change -> change.section() == Section.PRIVILEGES)
                .containsExactly(
                        Change.of(Section.PRIVILEGES, Kind.ADDED, "CREATE EXTERNAL ACCESS INTEGRATION"),
                        Change.of(Section.PRIVILEGES, Kind.REMOVED, "CREATE DATABASE"));
    }

    @Test
    void referencesAreAddedRemovedAndChangedWithTheFieldsThatChanged() throws Exception {
        assertThat(ManifestDiff.between(DEPLOYED, NEXT))
                .filteredOn(change -> change.section() == Section.REFERENCES)
                .containsExactly(
                        new Change(
                                Section.REFERENCES,
                                Kind.CHANGED,
                                "WAREHOUSE_REFERENCE",
                                "privileges: [\"USAGE\"] → [\"USAGE\",\"OPERATE\"]"),
                        Change.of(Section.REFERENCES, Kind.ADDED, "GITHUB_EAI"),
                        Change.of(Section.REFERENCES, Kind.REMOVED, "OLD_SECRET"));
    }

    @Test
    void theManifestVersionAndOtherEntriesChangeByPath() throws Exception {
        assertThat(ManifestDiff.between(DEPLOYED, NEXT))
                .filteredOn(change -> change.section() == Section.MANIFEST)
                .containsExactly(
                        new Change(Section.MANIFEST, Kind.CHANGED, "manifest_version", "1 → 2"),
                        new Change(Section.MANIFEST, Kind.CHANGED, "version.name", "2.1 → 2.2"),
                        new Change(Section.MANIFEST, Kind.REMOVED, "artifacts.default_streamlit", "STREAMLIT.UI"));
    }

    @Test
    void theSameManifestChangesNothingAndAFreshAppAddsEverything() throws Exception {
        String kits = Files.readString(Path.of("src/test/resources/golden/full/snowflake/manifest.yml"));

        assertThat(ManifestDiff.between(kits, kits)).isEmpty();
        List<Change> fresh = ManifestDiff.between("", kits);
        assertThat(fresh).extracting(Change::kind).containsOnly(Kind.ADDED);
        assertThat(fresh)
                .extracting(Change::subject)
                .contains(
                        "EXECUTE TASK",
                        "CREATE DATABASE",
                        "WAREHOUSE_REFERENCE",
                        "GITHUB_EAI",
                        "API_TOKEN_SECRET",
                        "manifest_version",
                        "artifacts.setup_script");
    }

    @Test
    void aManifestThatIsNotYamlIsNamed() {
        assertThatThrownBy(() -> ManifestDiff.between(DEPLOYED, "privileges: [unclosed"))
                .isInstanceOf(ManifestDiff.UnreadableManifestException.class)
                .hasMessageStartingWith("The new manifest.yml is not YAML: ");
    }
}

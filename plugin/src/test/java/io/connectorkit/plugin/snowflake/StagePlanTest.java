package io.connectorkit.plugin.snowflake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagePlanTest {

    @TempDir
    Path folder;

    @Test
    void uploadsNewAndChangedFilesRemovesStageOnlyOnesAndKeepsTheRest() throws Exception {
        Path setup = write("setup.sql", "CREATE SCHEMA IF NOT EXISTS STATE;".getBytes());
        Path manifest = write("manifest.yml", "manifest_version: 1".getBytes());
        Path jar = write("lib/connector.jar", new byte[] {1, 2, 3});

        StagePlan plan = StagePlan.between(
                Map.of("setup.sql", setup, "manifest.yml", manifest, "lib/connector.jar", jar),
                Map.of(
                        "setup.sql",
                        md5("CREATE SCHEMA IF NOT EXISTS STATE;".getBytes()),
                        "manifest.yml",
                        md5("manifest_version: 0".getBytes()),
                        "lib/old.jar",
                        md5(new byte[] {9})));

        assertThat(plan.upload()).containsExactly("lib/connector.jar", "manifest.yml");
        assertThat(plan.remove()).containsExactly("lib/old.jar");
        assertThat(plan.unchanged()).containsExactly("setup.sql");
        assertThat(plan.changesNothing()).isFalse();
    }

    @Test
    void aKeptFileThatARemovedPathPrefixesIsUploadedAgain() throws Exception {
        Path readme = write("README.md", "# app".getBytes());
        Path jar = write("lib/connector.jar", new byte[] {1});

        StagePlan plan = StagePlan.between(
                Map.of("README.md", readme, "lib/connector.jar", jar),
                Map.of(
                        "README",
                        md5("old".getBytes()),
                        "README.md",
                        md5("# app".getBytes()),
                        "lib/connector.jar",
                        md5(new byte[] {1})));

        assertThat(plan.remove()).containsExactly("README");
        assertThat(plan.upload()).containsExactly("README.md");
        assertThat(plan.unchanged()).containsExactly("lib/connector.jar");
    }

    @Test
    void aMultipartMd5IsRecognisedForTheUsualPartSizes() throws Exception {
        byte[] content = new byte[17 * 1024 * 1024 + 123];
        new Random(7).nextBytes(content);
        Path big = write("lib/big.jar", content);
        String eightMibParts = multipart(content, 8 * 1024 * 1024);

        assertThat(StagePlan.sameContent(big, eightMibParts)).isTrue();
        assertThat(StagePlan.sameContent(big, "\"" + eightMibParts.toUpperCase() + "\""))
                .isTrue();
        assertThat(StagePlan.sameContent(big, multipart(content, 5 * 1024 * 1024)))
                .isTrue();
        content[0]++;
        assertThat(StagePlan.sameContent(big, multipart(content, 8 * 1024 * 1024)))
                .isFalse();
        assertThat(StagePlan.sameContent(big, "not-an-md5")).isFalse();
    }

    private Path write(String name, byte[] content) throws Exception {
        Path file = folder.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.write(file, content);
    }

    private static String md5(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
    }

    private static String multipart(byte[] content, int partSize) throws Exception {
        MessageDigest ofParts = MessageDigest.getInstance("MD5");
        int parts = 0;
        for (int offset = 0; offset < content.length; offset += partSize) {
            ofParts.update(MessageDigest.getInstance("MD5")
                    .digest(Arrays.copyOfRange(content, offset, Math.min(content.length, offset + partSize))));
            parts++;
        }
        return HexFormat.of().formatHex(ofParts.digest()) + "-" + parts;
    }
}

package io.connectorkit.runtime.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretCipherTest {

    private static final String TOKEN = "ghp_cipher_test_value_\u00e9\u4e2d";

    @TempDir
    Path folder;

    @Test
    void aValueComesBackAndIsNotStoredInClear() throws Exception {
        SecretCipher cipher = new SecretCipher(folder.resolve("keys/secrets.key"));

        String stored = cipher.encrypt("API_TOKEN_SECRET", TOKEN);

        assertThat(stored).startsWith("aes-gcm-v1:").doesNotContain(TOKEN).doesNotContain("ghp_");
        assertThat(new String(
                        Base64.getDecoder().decode(stored.substring("aes-gcm-v1:".length())),
                        StandardCharsets.ISO_8859_1))
                .doesNotContain("ghp_");
        assertThat(cipher.decrypt("API_TOKEN_SECRET", stored)).isEqualTo(TOKEN);
        assertThat(cipher.encrypt("API_TOKEN_SECRET", TOKEN))
                .as("a fresh IV each time")
                .isNotEqualTo(stored);
    }

    @Test
    void theKeyFileIsCreatedOnceAndReadableByTheUserOnly() throws Exception {
        Path key = folder.resolve("secrets.key");
        new SecretCipher(key).encrypt("A_SECRET", "one");
        String first = Files.readString(key);

        new SecretCipher(key).encrypt("A_SECRET", "two");

        assertThat(Files.readString(key)).isEqualTo(first);
        assertThat(Base64.getDecoder().decode(first.strip())).hasSize(32);
        if (key.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void aValueMovedToAnotherReferenceOrReadWithAnotherKeyIsRefusedWithTheFix() {
        SecretCipher cipher = new SecretCipher(folder.resolve("one.key"));
        String stored = cipher.encrypt("API_TOKEN_SECRET", TOKEN);

        assertThatThrownBy(() -> cipher.decrypt("PASSWORD_SECRET", stored))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("The embedded secret PASSWORD_SECRET cannot be decrypted with the key in")
                .hasMessageEndingWith("bind it again with mvn connector:configure or mvn connector:update-connection")
                .hasMessageNotContaining(TOKEN);
        SecretCipher other = new SecretCipher(folder.resolve("two.key"));
        other.encrypt("X_SECRET", "creates the other key");
        assertThatThrownBy(() -> other.decrypt("API_TOKEN_SECRET", stored))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("two.key");
        assertThatThrownBy(() -> new SecretCipher(folder.resolve("missing.key")).decrypt("API_TOKEN_SECRET", stored))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("missing.key");
        assertThatThrownBy(() -> cipher.decrypt("API_TOKEN_SECRET", TOKEN))
                .as("a value stored in clear by an earlier version")
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining(TOKEN);
    }
}

package io.connectorkit.runtime.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts the embedded app's secrets at rest (AES-256-GCM), so the database file under the project never holds one
 * in clear. The key lives outside every project, in the user's home ({@code ~/.connectorkit/embedded-secrets.key},
 * readable by the user only), like Maven's own settings-security.xml; {@code -Dconnectorkit.embedded.secretKey=<file>}
 * chooses another file. Each value is bound to its reference name, so a value copied to another slot fails to decrypt.
 */
final class SecretCipher {

    static final String KEY_FILE_PROPERTY = "connectorkit.embedded.secretKey";

    private static final String FORMAT = "aes-gcm-v1:";
    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path keyFile;

    SecretCipher(Path keyFile) {
        this.keyFile = keyFile;
    }

    static SecretCipher fromSystemProperties() {
        String chosen = System.getProperty(KEY_FILE_PROPERTY);
        return new SecretCipher(
                chosen != null && !chosen.isBlank()
                        ? Path.of(chosen)
                        : Path.of(System.getProperty("user.home"), ".connectorkit", "embedded-secrets.key"));
    }

    String encrypt(String referenceName, String value) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key(true), iv, referenceName);
            byte[] sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
            byte[] stored = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, stored, 0, IV_BYTES);
            System.arraycopy(sealed, 0, stored, IV_BYTES, sealed.length);
            return FORMAT + Base64.getEncoder().encodeToString(stored);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "This JVM cannot encrypt with AES-GCM: " + e.getClass().getSimpleName(), e);
        }
    }

    String decrypt(String referenceName, String stored) {
        String unreadable = "The embedded secret " + referenceName + " cannot be decrypted with the key in " + keyFile
                + " (was the key file replaced or the database copied from elsewhere?); bind it again with "
                + "mvn connector:configure or mvn connector:update-connection";
        if (stored == null || !stored.startsWith(FORMAT)) {
            throw new IllegalStateException(unreadable);
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(stored.substring(FORMAT.length()));
            byte[] iv = Arrays.copyOf(bytes, IV_BYTES);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key(false), iv, referenceName);
            return new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException | NoKey e) {
            throw new IllegalStateException(unreadable, e);
        }
    }

    private static Cipher cipher(int mode, byte[] key, byte[] iv, String referenceName)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(referenceName.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private byte[] key(boolean createIfMissing) {
        try {
            if (!Files.exists(keyFile)) {
                if (!createIfMissing) {
                    throw new NoKey();
                }
                create();
            }
            byte[] key = Base64.getDecoder()
                    .decode(Files.readString(keyFile, StandardCharsets.US_ASCII).strip());
            if (key.length != KEY_BYTES) {
                throw new IllegalStateException("The key file " + keyFile + " does not hold a 256-bit key; delete it "
                        + "and bind the secrets again");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the embedded secrets' key " + keyFile, e);
        }
    }

    private void create() throws IOException {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        Files.createDirectories(keyFile.toAbsolutePath().getParent());
        try {
            Files.writeString(
                    keyFile,
                    Base64.getEncoder().encodeToString(key),
                    StandardCharsets.US_ASCII,
                    StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            return; // Another process created it first: its key is the one.
        }
        try {
            Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): the file is in the user's profile, which only the user reads.
        }
    }

    /** There is no key yet, so nothing was ever encrypted with it. */
    private static final class NoKey extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }
}

package org.nanomind.bridge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import org.nanomind.soc.InputException;

/**
 * Ed25519 policy-signing keys with the JDK's own provider, in the standard files: PKCS#8 for the private
 * key, X.509 SubjectPublicKeyInfo for the public one, both PEM (OpenSSL reads and verifies with them). A
 * key's id is the SHA-256 of its public key's X.509 encoding.
 */
public final class Keys {
    private Keys() {
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519", e);
        }
    }

    /** Writes {@code name}.key (private, PKCS#8, owner-only) and {@code name}.pub (X.509) in {@code dir}. */
    public static void write(KeyPair k, Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        writeOwnerOnly(dir.resolve(name + ".key"), pem("PRIVATE KEY", k.getPrivate().getEncoded()).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Files.writeString(dir.resolve(name + ".pub"), pem("PUBLIC KEY", k.getPublic().getEncoded()));
    }

    /**
     * Writes a secret readable by its owner only (mode 0600) from its first byte: a temporary created with
     * that mode, then moved over {@code file}; never a moment world-readable. On a file system without POSIX
     * permissions the file keeps the system's default.
     */
    public static void writeOwnerOnly(Path file, byte[] bytes) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Path tmp;
        try {
            tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp",
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
        }
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static PrivateKey readPrivate(Path file) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der(file, "PRIVATE KEY")));
        } catch (GeneralSecurityException e) {
            throw new InputException(file.toString(), 0, 0, "", "not an Ed25519 private key (PKCS#8 PEM): " + e.getMessage());
        }
    }

    public static PublicKey readPublic(Path file) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der(file, "PUBLIC KEY")));
        } catch (GeneralSecurityException e) {
            throw new InputException(file.toString(), 0, 0, "", "not an Ed25519 public key (X.509 PEM): " + e.getMessage());
        }
    }

    public static PublicKey readPublic(String pem, String source) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der(pem, source, "PUBLIC KEY")));
        } catch (GeneralSecurityException e) {
            throw new InputException(source, 0, 0, "", "not an Ed25519 public key (X.509 PEM): " + e.getMessage());
        }
    }

    /** SHA-256 of the public key's X.509 encoding, in hex. */
    public static String id(PublicKey k) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(k.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(Path file, String type) {
        try {
            return der(Files.readString(file, StandardCharsets.US_ASCII), file.toString(), type);
        } catch (IOException e) {
            throw new InputException(file.toString(), 0, 0, "", "cannot read: " + e.getMessage());
        }
    }

    private static byte[] der(String pem, String source, String type) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int b = pem.indexOf(begin);
        int e = pem.indexOf(end);
        if (b < 0 || e < b) {
            throw new InputException(source, 0, 0, "", "expected a PEM block '" + begin + "'");
        }
        try {
            return Base64.getMimeDecoder().decode(pem.substring(b + begin.length(), e));
        } catch (IllegalArgumentException x) {
            throw new InputException(source, 0, 0, "", "the PEM block is not valid base64");
        }
    }
}

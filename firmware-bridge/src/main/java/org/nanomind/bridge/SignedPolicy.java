package org.nanomind.bridge;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A policy artifact with its Ed25519 signature, as one JSON file: the artifact's canonical bytes in
 * base64, the signing key's id, and the signature over exactly those bytes. Verification checks the raw
 * bytes before anything parses them, then the key, then the version floor.
 */
public record SignedPolicy(byte[] payload, String keyId, byte[] signature) {
    public static final String FORMAT = "nanomind-signed-policy/1";

    public static SignedPolicy sign(PolicyArtifact a, PrivateKey key, PublicKey pub) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(a.bytes());
            return new SignedPolicy(a.bytes(), Keys.id(pub), s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with this key: " + e.getMessage(), e);
        }
    }

    /** The file's text. */
    public String text() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("payload", Base64.getEncoder().encodeToString(payload));
        m.put("key_id", keyId);
        m.put("signature", Base64.getEncoder().encodeToString(signature));
        return PolicyArtifact.json().writerWithDefaultPrettyPrinter().writeValueAsString(m) + "\n";
    }

    /** Reads a signed file; an unsigned artifact (plain policy JSON, or no signature) is refused as such. */
    public static SignedPolicy read(byte[] file, String source) {
        JsonNode j;
        try {
            j = PolicyArtifact.json().readTree(file);
        } catch (RuntimeException e) {
            throw new PolicyRejected(PolicyRejected.Reason.MALFORMED, source + " is not JSON");
        }
        if (j.has("schema") && !j.has("signature")) {
            throw new PolicyRejected(PolicyRejected.Reason.UNSIGNED, source + " is a policy artifact without a signature:"
                    + " sign it with `nanomind policy sign`");
        }
        if (!FORMAT.equals(j.path("format").asString("")) || !j.has("payload")) {
            throw new PolicyRejected(PolicyRejected.Reason.MALFORMED, source + " is not a signed policy (" + FORMAT + ")");
        }
        if (!j.hasNonNull("signature") || j.get("signature").asString("").isEmpty()) {
            throw new PolicyRejected(PolicyRejected.Reason.UNSIGNED, source + " has no signature");
        }
        try {
            return new SignedPolicy(Base64.getDecoder().decode(j.get("payload").asString()), j.path("key_id").asString(""),
                    Base64.getDecoder().decode(j.get("signature").asString()));
        } catch (IllegalArgumentException e) {
            throw new PolicyRejected(PolicyRejected.Reason.MALFORMED, source + ": payload or signature is not base64");
        }
    }

    /**
     * The artifact, once the signature over its raw bytes holds for {@code trusted}, and its version is at
     * least {@code minVersion}; otherwise a {@link PolicyRejected} that says which check failed.
     */
    public PolicyArtifact verify(PublicKey trusted, long minVersion, String source) {
        if (!keyId.equals(Keys.id(trusted))) {
            throw new PolicyRejected(PolicyRejected.Reason.WRONG_KEY, source + " was signed by key " + abbrev(keyId)
                    + ", not by the trusted key " + abbrev(Keys.id(trusted)));
        }
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(trusted);
            s.update(payload);
            if (!s.verify(signature)) {
                throw new PolicyRejected(PolicyRejected.Reason.TAMPERED, source + ": the signature does not match its bytes");
            }
        } catch (GeneralSecurityException e) {
            throw new PolicyRejected(PolicyRejected.Reason.TAMPERED, source + ": the signature is not valid (" + e.getMessage() + ")");
        }
        PolicyArtifact a = PolicyArtifact.parse(payload, source);
        if (a.version() < minVersion) {
            throw new PolicyRejected(PolicyRejected.Reason.OLDER_VERSION, source + " is version " + a.version()
                    + ", older than the floor " + minVersion);
        }
        return a;
    }

    private static String abbrev(String id) {
        return id.length() > 12 ? id.substring(0, 12) + "..." : id;
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}

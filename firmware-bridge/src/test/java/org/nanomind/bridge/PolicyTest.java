package org.nanomind.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.nanomind.scenarios.Scenario;
import org.nanomind.scenarios.ScenarioFile;

class PolicyTest {
    static final KeyPair KEY = Keys.generate();

    static Scenario capped() {
        String text = ScenarioFile.builtinText("vlm-camera").replace("\ncamera:", "\nlimits:\n  gpu: 600 MHz\n  dram: 780 MHz\ncamera:");
        return ScenarioFile.parse(text, "vlm-camera.yaml", null);
    }

    @Test
    void anArtifactCarriesThePoliciesAndTheKernelSettingsInCanonicalBytes() {
        PolicyArtifact a = PolicyArtifact.build(capped(), 3);
        assertArrayEquals(a.bytes(), PolicyArtifact.build(capped(), 3).bytes(), "the same scenario, the same bytes");
        String text = new String(a.bytes(), StandardCharsets.UTF_8);
        assertTrue(!text.contains(" \"") && !text.contains("\n"), "no whitespace: " + text);
        assertTrue(text.indexOf("\"battery\"") < text.indexOf("\"board\"") && text.indexOf("\"board\"") < text.indexOf("\"camera_fps\""),
                "keys sorted");
        assertEquals("nanomind-rk3566", a.board());
        assertTrue(a.kernelSettings().contains(new PolicyArtifact.Setting("/sys/class/devfreq/fde60000.gpu/max_freq", "600000000")),
                a.kernelSettings().toString());
        assertTrue(a.kernelSettings().contains(new PolicyArtifact.Setting("/sys/class/devfreq/dmc/max_freq", "780000000")));
        assertTrue(a.kernelSettings().contains(new PolicyArtifact.Setting("/sys/devices/system/cpu/cpufreq/policy0/scaling_max_freq", "1800000")),
                "no cap: the top OPP, in kHz for cpufreq");
        assertEquals(0.5, a.payload().get("battery").get("throttle_below").asDouble());
        assertEquals(0.1, a.payload().get("camera_fps").asDouble());
    }

    @Test
    void verifyRefusesTamperedUnsignedWronglySignedAndOlderArtifactsSayingWhich() {
        PolicyArtifact a = PolicyArtifact.build(capped(), 3);
        SignedPolicy s = SignedPolicy.sign(a, KEY.getPrivate(), KEY.getPublic());
        SignedPolicy read = SignedPolicy.read(s.text().getBytes(StandardCharsets.UTF_8), "p.json");
        assertEquals(3, read.verify(KEY.getPublic(), 1, "p.json").version());

        byte[] changed = s.payload().clone();
        changed[changed.length / 2] ^= 1;
        SignedPolicy tampered = new SignedPolicy(changed, s.keyId(), s.signature());
        assertEquals(PolicyRejected.Reason.TAMPERED, assertThrows(PolicyRejected.class,
                () -> tampered.verify(KEY.getPublic(), 1, "t.json")).reason());

        assertEquals(PolicyRejected.Reason.UNSIGNED, assertThrows(PolicyRejected.class,
                () -> SignedPolicy.read(a.bytes(), "plain.json")).reason());
        String noSignature = s.text().replace(Base64.getEncoder().encodeToString(s.signature()), "");
        assertEquals(PolicyRejected.Reason.UNSIGNED, assertThrows(PolicyRejected.class,
                () -> SignedPolicy.read(noSignature.getBytes(StandardCharsets.UTF_8), "n.json")).reason());

        KeyPair other = Keys.generate();
        PolicyRejected wrong = assertThrows(PolicyRejected.class, () -> s.verify(other.getPublic(), 1, "p.json"));
        assertEquals(PolicyRejected.Reason.WRONG_KEY, wrong.reason());
        SignedPolicy forged = new SignedPolicy(s.payload(), Keys.id(other.getPublic()), s.signature());
        assertEquals(PolicyRejected.Reason.TAMPERED, assertThrows(PolicyRejected.class,
                () -> forged.verify(other.getPublic(), 1, "f.json")).reason(), "a key id claimed is not a signature");

        PolicyRejected older = assertThrows(PolicyRejected.class, () -> s.verify(KEY.getPublic(), 4, "p.json"));
        assertEquals(PolicyRejected.Reason.OLDER_VERSION, older.reason());
        assertTrue(older.getMessage().contains("version 3") && older.getMessage().contains("floor 4"), older.getMessage());
    }

    @Test
    void keysRoundTripThroughTheirStandardFiles(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        Keys.write(KEY, dir, "policy");
        assertArrayEquals(KEY.getPrivate().getEncoded(), Keys.readPrivate(dir.resolve("policy.key")).getEncoded());
        assertEquals(Keys.id(KEY.getPublic()), Keys.id(Keys.readPublic(dir.resolve("policy.pub"))));
        assertTrue(java.nio.file.Files.readString(dir.resolve("policy.key")).startsWith("-----BEGIN PRIVATE KEY-----"));
    }
}

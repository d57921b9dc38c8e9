package org.nanomind.soc.functional;

import org.nanomind.soc.Twin;
import org.nanomind.soc.Brick;
import org.nanomind.soc.Cascade;
import org.nanomind.soc.DecoderBrick;
import org.nanomind.soc.ModelConfig;
import org.nanomind.soc.Platform;
import org.nanomind.soc.PlatformFile;
import org.nanomind.soc.Soc;
import org.nanomind.soc.VisionBrick;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nanomind.kernels.GgmlType;
import org.nanomind.kernels.OpenCl;
import org.nanomind.kernels.OpenClGemm;
import org.nanomind.sim.Simulation;

/** The functional cascade's hand-over: the decoder reads the encoder's TABM slot in place, or a real copy. */
class FunctionalCascadeTest {
    private final Platform platform = PlatformFile.named("nanomind-rk3566");

    private record Run(Functional functional, Cascade.Result result) {
    }

    private Run oneEvent(Path dir, boolean zeroCopy) throws Exception {
        VisionBrick v = VisionBrick.fromConfig("tiny-vision", ModelConfig.named("tiny-vision"), GgmlType.I8);
        DecoderBrick d = DecoderBrick.fromConfig("tiny-decoder", ModelConfig.named("tiny-decoder"), GgmlType.Q4_0);
        Path vf = dir.resolve("v.gguf");
        Path df = dir.resolve("d.gguf");
        ModelGenerator.vision(v, 1, vf);
        ModelGenerator.decoder(d, "qwen2", GgmlType.Q4_0, 1, df);
        Twin twin = Twin.of(platform);
        Simulation sim = twin.sim();
        Soc soc = twin.soc();
        Brick.Request r = new Brick.Request(8, v.tokens(), 6, 6, 4);
        Cascade c = new Cascade(soc, List.of(new Cascade.Stage(v, "npu", 1), new Cascade.Stage(d, "gpu", 1)), r, zeroCopy, 0.1);
        Functional f = new Functional(soc, c.tabm(), r, Map.of(d.name(), FunctionalDecoder.open(df, GgmlType.F16, 2, 64)),
                Map.of(v.name(), new FunctionalVision(vf, v, 2)), null);
        c.setRunner(f);
        Cascade.Result[] out = new Cascade.Result[1];
        c.trigger(x -> out[0] = x);
        sim.runUntil(() -> out[0] != null);
        return new Run(f, out[0]);
    }

    @Test
    void onTheZeroCopyPathTheDecoderReadsTheSlotTheEncoderWrote(@TempDir Path dir) throws Exception {
        Run z = oneEvent(dir, true);
        try (Functional f = z.functional()) {
            assertNull(z.result().failure());
            MemorySegment in = f.lastDecoderInput();
            assertEquals(f.slot(0).address(), in.address(), "the decoder's input is the slot's own memory");
            assertEquals(f.slot(0).byteSize(), in.byteSize());
            assertEquals(6, f.report().tokens().getFirst().size());
            assertEquals(1 + 1 + 2 * 2, f.report().workChecks(), "counted and checked: the vision matrices, the prefill's, and the matrices and attention of the first and last decode steps");
        }
        Run c = oneEvent(dir.resolve("copy"), false);
        try (Functional f = c.functional()) {
            MemorySegment in = f.lastDecoderInput();
            assertNotEquals(f.slot(0).address(), in.address(), "the llama.cpp path reads a copy");
            assertEquals(-1, f.slot(0).mismatch(in), "a copy of the same bytes");
            assertEquals(z.functional().report().tokens(), f.report().tokens(), "the same answer either way");
            assertTrue(c.result().latencySeconds() > z.result().latencySeconds(), "and the copy costs time");
        }
    }

    @Test
    void theOpenClAndVectorApiDecodersGiveTheSameTokens(@TempDir Path dir) throws Exception {
        DecoderBrick d = DecoderBrick.fromConfig("tiny-decoder", ModelConfig.named("tiny-decoder"), GgmlType.Q4_0);
        Path df = dir.resolve("d.gguf");
        ModelGenerator.decoder(d, "qwen2", GgmlType.Q4_0, 3, df);
        OpenCl cl;
        try {
            cl = OpenCl.open();
        } catch (org.nanomind.kernels.OpenClUnavailableException e) {
            if (System.getenv("CI") != null) {
                throw new AssertionError("CI installs PoCL (.ci/run); no OpenCL device: " + e.getMessage());
            }
            System.err.println("SKIPPED FunctionalCascadeTest: no OpenCL device (" + e.getMessage() + "); install PoCL's CPU device"
                    + " with `sudo apt-get install pocl-opencl-icd ocl-icd-libopencl1` (bash .ci/run installs every tool the tests need)");
            org.junit.jupiter.api.Assumptions.abort("no OpenCL device here: " + e.getMessage() + ": sudo apt-get install pocl-opencl-icd");
            return;
        }
        try (cl; FunctionalDecoder a = FunctionalDecoder.open(df, GgmlType.F16, 2, 64);
             FunctionalDecoder b = FunctionalDecoder.open(df, GgmlType.F16, 2, 64, new OpenClGemm(cl))) {
            float[] x = new float[12 * d.hidden()];
            for (int t = 0; t < 12; t++) {
                System.arraycopy(a.embed("read the sign".charAt(t)), 0, x, t * d.hidden(), d.hidden());
            }
            FunctionalDecoder.Step sa = a.prefill(x.clone(), 12, true);
            FunctionalDecoder.Step sb = b.prefill(x.clone(), 12, true);
            assertEquals(sa.matmuls(), sb.matmuls(), "the same work counted");
            for (int t = 0; t < 16; t++) {
                int ta = Functional.argmax(sa.logits());
                assertEquals(ta, Functional.argmax(sb.logits()), "token " + t);
                sa = a.decode(ta, false);
                sb = b.decode(ta, false);
            }
        }
    }
}

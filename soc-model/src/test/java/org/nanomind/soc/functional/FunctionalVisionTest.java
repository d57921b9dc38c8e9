package org.nanomind.soc.functional;

import org.nanomind.soc.ModelConfig;
import org.nanomind.soc.Op;
import org.nanomind.soc.VisionBrick;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nanomind.kernels.GgmlType;

class FunctionalVisionTest {

    @Test
    void theEncoderDoesTheChargedWorkInBothPrecisionsAndInt8StaysCloseToF16(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("tiny-vision.gguf");
        ModelGenerator.vision(VisionBrick.fromConfig("v", ModelConfig.named("tiny-vision"), GgmlType.F16), 5, f);
        float[][] out = new float[2][];
        int k = 0;
        for (GgmlType w : List.of(GgmlType.F16, GgmlType.I8)) {
            VisionBrick v = VisionBrick.fromConfig("v", ModelConfig.named("tiny-vision"), w);
            try (FunctionalVision fv = new FunctionalVision(f, v, 2)) {
                FunctionalVision.Result r = fv.encode(FunctionalVision.frame(v, 1));
                List<Op> charged = v.run(null, GgmlType.F16);
                assertEquals(charged.get(0).work(), r.matmuls(), "the timing model charges the counted matrices' work, " + w);
                assertEquals(v.tokens() * v.textHidden(), r.embeddings().length);
                out[k++] = r.embeddings();
            }
        }
        Accuracy a = Accuracy.of(out[1], out[0]);
        assertTrue(a.cosine() > 0.99 && a.relativeError() < 0.1, "INT8 against F16: " + a);
    }
}

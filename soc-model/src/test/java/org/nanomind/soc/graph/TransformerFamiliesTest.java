package org.nanomind.soc.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Transformer encoders against their published sizes; sequence and audio lengths are inputs. */
class TransformerFamiliesTest {
    static Graph g(String model, Shape in) {
        return TransformerFamilies.named(model, in).orElseThrow();
    }

    @Test
    void vitSizesMatchTheirPublishedCounts() {
        // timm: ViT-B/16 17.6 GMACs and 86.6 M parameters, ViT-S/16 4.6 and 22.1, ViT-Ti/16 1.3 and 5.7, at 224
        // (with a class token and a 1000-way head the graphs leave out).
        double[][] published = {{17.6, 86.6}, {4.6, 22.1}, {1.3, 5.7}};
        String[] names = {"vit-base-patch16", "vit-small-patch16", "vit-tiny-patch16"};
        int[] widths = {768, 384, 192};
        for (int i = 0; i < names.length; i++) {
            Graph v = g(names[i], Shape.of(3, 224, 224));
            // The graph holds no classifier head, class token or position table: timm's count includes them.
            double extra = (widths[i] * 1000.0 + 1000 + 198.0 * widths[i]) / 1e6;
            assertEquals(published[i][1], v.weights() / 1e6 + extra, 0.01 * published[i][1] + 0.05, names[i] + " with its head");
            // timm rounds to a tenth of a G: within 3 % and the rounding
            assertEquals(published[i][0], v.macs() / 1e9, 0.03 * published[i][0] + 0.05, names[i]);
        }
        Graph proj = g("vit-base-patch16-proj896", Shape.of(3, 224, 224));
        assertEquals(196L * (768 * 896 + 896 * 896), proj.macs() - g("vit-base-patch16", Shape.of(3, 224, 224)).macs(),
                "a projector to Qwen2-0.5B's width adds two linear layers a token");
    }

    @Test
    void clipTextAndWav2vecMatchTheirParameterCounts() {
        assertEquals(63.4, g("clip-text", Shape.of(77)).weights() / 1e6, 0.02 * 63.4, "CLIP's text transformer with its embedding");
        assertEquals(95.0, g("wav2vec2-base", Shape.of(1, 1, 16000)).weights() / 1e6, 0.03 * 95.0, "wav2vec 2.0 BASE: 95 M");
    }

    @Test
    void audioLengthIsAnInput() {
        // Whisper's encoder on 10 s and on 30 s of audio (100 mel frames a second): attention grows with the square.
        Graph ten = g("whisper-base-encoder", Shape.of(80, 1, 1000));
        Graph thirty = g("whisper-base-encoder", Shape.of(80, 1, 3000));
        assertTrue(thirty.macs() > 3 * ten.macs(), thirty.macs() + " vs " + ten.macs());
        assertEquals(Shape.of(1500, 512), thirty.nodes().getLast().outputShapes().getFirst(), "30 s -> 1500 positions");
        // wav2vec 2.0 turns a second of 16 kHz audio into 49 frames (a 20 ms stride and a 25 ms receptive field).
        Graph w = g("wav2vec2-base", Shape.of(1, 1, 16000));
        assertEquals(Shape.of(49, 768), w.nodes().getLast().outputShapes().getFirst());
        assertEquals(TransformerFamilies.Input.SAMPLES, TransformerFamilies.inputOf("wav2vec2-base").orElseThrow());
    }

    @Test
    void everyListedNameBuilds() {
        for (String n : TransformerFamilies.NAMES) {
            Shape in = switch (TransformerFamilies.inputOf(n).orElseThrow()) {
                case IMAGE -> Shape.of(3, 224, 224);
                case TOKENS -> Shape.of(77);
                case MEL_FRAMES -> Shape.of(80, 1, 3000);
                case SAMPLES -> Shape.of(1, 1, 16000);
            };
            assertTrue(g(n, in).macs() > 0, n);
        }
        for (String n : Families.NAMES) {
            assertTrue(Families.named(n, Shape.of(3, 320, 320)).orElseThrow().macs() > 0, n);
        }
    }
}

package org.nanomind.soc.graph;

import java.util.List;

/**
 * One operator of a graph with its static shapes and its work: multiply-accumulates (convolutions, GEMMs,
 * attention) or element operations (everything else), the weights it reads (elements), and the activation
 * elements it reads and writes. {@code narrowest} is the smallest dimension of the GEMM the operator
 * lowers to (output channels, reduction length, output pixels), the size that decides how well it fills
 * a unit's lanes and tiles; {@code int8} says the file quantized it. {@code line} is its line in a text
 * file (0 for binary files); {@code type} is the operator's name in its file (Convolution, Conv, ...).
 */
public record Node(String name, String type, OperatorClass cls, List<String> inputs, List<String> outputs,
                   List<Shape> outputShapes, long macs, long elementOps, long weights, long inputElements,
                   long outputElements, long narrowest, boolean int8, int line) {
    public Node {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        outputShapes = List.copyOf(outputShapes);
        if (macs < 0 || elementOps < 0 || weights < 0 || inputElements < 0 || outputElements < 0) {
            throw new IllegalArgumentException("negative work in " + name);
        }
    }

    /** Arithmetic operations: two per multiply-accumulate, one per element operation. */
    public double ops() {
        return 2.0 * macs + elementOps;
    }
}

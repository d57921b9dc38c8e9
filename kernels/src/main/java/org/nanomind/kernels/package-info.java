/**
 * kernels owns the arithmetic the twin drives: GGUF block formats (Q4_0, Q8_0, Q4_K, Q2_K, F16, F32)
 * and files, the fused dequant kernels and the NPU's INT8 arithmetic in the Java Vector API with a
 * scalar reference beside each, and the OpenCL versions through JOCL. Every kernel reports its
 * {@link org.nanomind.kernels.Work}, the amounts the timing model charges. It depends on no other module.
 */
package org.nanomind.kernels;

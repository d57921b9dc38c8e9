/**
 * Functional mode: the decoder and vision bricks computed for real on the kernels while the clock follows the
 * timing model, their work checked against the model's charge ({@code CountedWork}), their accuracy measured
 * against FP32 references, and the GGUF files and tokenizers they read and write (llama.cpp loads them too).
 */
package org.nanomind.soc.functional;

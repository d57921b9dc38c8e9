/**
 * The twin of the board: the platform as data ({@link org.nanomind.soc.Platform}, read by
 * {@link org.nanomind.soc.PlatformFile}), model bricks and their work ({@link org.nanomind.soc.Brick}), and the
 * runtime that places bricks on units and runs them ({@link org.nanomind.soc.Twin}, {@link org.nanomind.soc.Soc},
 * {@link org.nanomind.soc.Cascade} over a {@link org.nanomind.soc.StageGraph}, the camera pipeline, layer offload,
 * TABM buffers and memory). Beside it: {@code cost} (the per-operator cost model and its fit), {@code graph}
 * (operator graphs from ncnn, ONNX and built-in families), {@code governor} (Linux's DVFS governors), and
 * {@code functional} (computing bricks for real on the kernels, over this runtime, which never reaches into it).
 */
package org.nanomind.soc;

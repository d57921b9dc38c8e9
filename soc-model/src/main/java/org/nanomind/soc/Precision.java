package org.nanomind.soc;

/** Arithmetic precisions whose peak rates a compute unit lists. */
public enum Precision { FP32, FP16, INT8, INT16 }

/**
 * kernels will own the arithmetic: GGUF block formats and files, and the real low-bit kernels in the
 * Java Vector API and in OpenCL. It depends on no other module of the project. Empty until issue 3.
 */
package org.nanomind.kernels;

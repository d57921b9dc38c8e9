package org.nanomind.kernels;

/** No usable OpenCL platform or device here; the Java Vector API kernels serve instead. */
public final class OpenClUnavailableException extends Exception {
    public OpenClUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

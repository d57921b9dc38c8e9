package org.nanomind.cli;

import picocli.CommandLine;

/**
 * Turns an exception from a command into one line on stderr and exit code 1. A stack trace is printed
 * only when NANOMIND_DEBUG is set, for the developer chasing a bug rather than the user fixing an input.
 */
final class Failures implements CommandLine.IExecutionExceptionHandler {
    static final int FAILED = 1;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        cmd.getErr().println("nanomind: " + oneLine(ex));
        if (System.getenv("NANOMIND_DEBUG") != null) {
            ex.printStackTrace(cmd.getErr());
        } else if (!(ex instanceof IllegalArgumentException || ex instanceof org.nanomind.soc.InputException
                || ex instanceof org.nanomind.kernels.GgufFormatException || ex instanceof org.nanomind.bridge.PolicyRejected
                || ex instanceof org.nanomind.scenarios.OutputInUse)) {
            cmd.getErr().println("nanomind: (set NANOMIND_DEBUG=1 for the stack trace)");
        }
        cmd.getErr().flush();
        return FAILED;
    }

    static String oneLine(Throwable ex) {
        String m = ex.getMessage();
        if (m == null || m.isBlank()) {
            m = ex.getClass().getSimpleName();
        }
        return m.replace('\n', ' ').strip();
    }
}

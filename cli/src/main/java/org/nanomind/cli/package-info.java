/**
 * cli owns the {@code nanomind} command: parsing, exit codes (0 ok, 1 failed run, 2 bad usage), one-line
 * errors, and the benchmarks behind {@code nanomind bench}. It calls the other modules; none calls it.
 */
package org.nanomind.cli;

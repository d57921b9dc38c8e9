/**
 * firmware-bridge carries a policy from the twin to the board and the board's measurements back: signed,
 * versioned policy artifacts, the board-side agent that applies one atomically (old or new, never a mix),
 * transports over SSH/SFTP, and a virtual board to prove it against.
 */
package org.nanomind.bridge;

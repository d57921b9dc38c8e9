/**
 * firmware-bridge will own the way to the board and back: signed policy artifacts, the transports that
 * deploy them, and telemetry that calibrates the platform file. Empty until issue 8.
 */
package org.nanomind.bridge;

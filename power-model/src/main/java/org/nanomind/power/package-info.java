/**
 * power-model will own power: each unit's power at its operating point (OPP voltage and frequency),
 * DRAM energy, the PMU's sampling, and the battery. It stands on sim-core's time and statistics.
 * Empty until issue 4 lands it.
 */
package org.nanomind.power;

/**
 * power-model owns power and energy: a unit's power at its operating point (static power at voltage V
 * plus C_eff V^2 f times its activity), DRAM background and per-byte energy, the battery (open-circuit
 * voltage against charge, internal resistance, converter efficiency, rate effect), the PMU's sampling,
 * and the ledger that checks energy conservation. It stands on sim-core and knows no model or policy.
 */
package org.nanomind.power;

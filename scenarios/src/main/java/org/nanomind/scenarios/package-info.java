/**
 * scenarios owns experiments: scenario files ({@link org.nanomind.scenarios.ScenarioFile}), the runner
 * that builds the twin from one and runs it ({@link org.nanomind.scenarios.Runner}), and what a run
 * writes: summary.json, CSV time series and a Perfetto trace.
 */
package org.nanomind.scenarios;

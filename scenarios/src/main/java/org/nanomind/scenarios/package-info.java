/**
 * scenarios will own experiments: scenario files, the runner that builds and runs the twin from one,
 * sweeps over them, and the policy regression suite. Empty until issue 5.
 */
package org.nanomind.scenarios;

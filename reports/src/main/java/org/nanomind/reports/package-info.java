/**
 * reports will own what people look at: charts, the HTML report, CSV and trace exports of a run's
 * results. Empty until issue 6.
 */
package org.nanomind.reports;

/**
 * reports owns what people look at: charts of a run's or a comparison's results (JFreeChart, PNG and SVG),
 * and the HTML report that gathers them with the summary and the scenario's assumptions. It reads the
 * files a run wrote, so a report can be made again from any output folder ({@link org.nanomind.reports.Report}).
 */
package org.nanomind.reports;

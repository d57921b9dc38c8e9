package org.nanomind.reports;

import org.jfree.chart.JFreeChart;

/**
 * A chart of a report: the file stem it is written under (stem.png, stem.svg), a caption for the page,
 * and the JFreeChart itself, whose datasets are what tests check.
 */
record Chart(String stem, String caption, JFreeChart chart) {
}

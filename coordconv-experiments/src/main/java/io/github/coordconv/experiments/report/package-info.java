/**
 * Summaries of many runs: {@link io.github.coordconv.experiments.report.Replication} runs the
 * supervised experiments of the CoordConv paper (Liu et al., NeurIPS 2018) and {@link
 * io.github.coordconv.experiments.report.Report} writes {@code results.json} and a Markdown table
 * next to the reported numbers.
 */
package io.github.coordconv.experiments.report;

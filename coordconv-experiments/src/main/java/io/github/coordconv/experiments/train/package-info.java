/**
 * Training and evaluation of one run: {@link io.github.coordconv.experiments.train.RunSpec} in,
 * {@link io.github.coordconv.experiments.train.Runner} trains with the CoordConv paper's settings,
 * {@link io.github.coordconv.experiments.train.RunResult} out, with the spec, per-epoch metrics,
 * model and plots written to a run directory.
 */
package io.github.coordconv.experiments.train;

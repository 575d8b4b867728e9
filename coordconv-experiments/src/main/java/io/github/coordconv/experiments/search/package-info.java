/**
 * Hyperparameter search over {@link io.github.coordconv.experiments.train.RunSpec}s with Arbiter
 * 1.0.0-beta7: a {@link io.github.coordconv.experiments.search.SearchSpace} names the values of
 * each {@link io.github.coordconv.experiments.search.SearchAxis}, {@link
 * io.github.coordconv.experiments.search.RunSpecSpace} turns it into an Arbiter parameter space,
 * and {@link io.github.coordconv.experiments.search.Search} runs it with Arbiter's {@code
 * LocalOptimizationRunner}, training each candidate with {@link
 * io.github.coordconv.experiments.train.Runner}.
 */
package io.github.coordconv.experiments.search;

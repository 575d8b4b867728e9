/**
 * The supervised models of the CoordConv paper (Liu et al., "An intriguing failing of convolutional
 * neural networks and the CoordConv solution", NeurIPS 2018) and their baselines, as DL4J
 * ComputationGraph configurations built by {@link
 * io.github.coordconv.experiments.models.ModelFactory}.
 *
 * <p>Layer lists, widths, initialisation and L2 follow the authors' released TensorFlow code
 * (uber-research/CoordConv, {@code model_builders.py}); each model class gives its parameter count
 * and the source of each choice.
 */
package io.github.coordconv.experiments.models;

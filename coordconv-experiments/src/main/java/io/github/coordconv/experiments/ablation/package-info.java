/**
 * Ablations of the CoordConv classifier: {@link
 * io.github.coordconv.experiments.ablation.TileAblation} trains it once per {@link
 * io.github.coordconv.layer.TileStyle} to show that the per-channel tiling of the released code
 * matters.
 */
package io.github.coordconv.experiments.ablation;

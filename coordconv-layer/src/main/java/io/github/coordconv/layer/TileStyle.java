package io.github.coordconv.layer;

/**
 * How {@link TileLayer} spreads a vector over a 2-D map. The CoordConv paper says "tile" without
 * defining it; the two readings behave very differently, so the choice is explicit.
 */
public enum TileStyle {
    /**
     * One channel per vector element: a {@code (batch, C)} input becomes {@code (batch, C, H, W)}
     * with element {@code c} copied to every pixel of channel {@code c}. This is what the released
     * code does (it tiles the (x, y) input into 2 channels, and the GAN's latent vector into {@code
     * z_dim} channels).
     */
    PER_CHANNEL,

    /**
     * One channel holding the elements in turn: a {@code (batch, C)} input becomes {@code (batch,
     * 1, H, W)} where the pixel at row-major position {@code k} contains element {@code k mod C}.
     * Each pixel then sees a single element, so a stack of 1x1 convolutions cannot combine them and
     * the coordinate classifier's outputs come out cross-shaped.
     */
    INTERLEAVED
}

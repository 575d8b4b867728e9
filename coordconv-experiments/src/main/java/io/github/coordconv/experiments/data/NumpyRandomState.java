package io.github.coordconv.experiments.data;

/**
 * MT19937 Mersenne Twister that reproduces numpy's legacy {@code numpy.random.RandomState(seed)}
 * for an integer seed: the same 32-bit outputs, {@code random_sample()} doubles and {@code
 * permutation(n)} orders.
 *
 * <p>Seeding is Matsumoto and Nishimura's {@code init_genrand}, which numpy applies to an integer
 * seed in 0..2^32-1. A double takes two 32-bit outputs {@code a} and {@code b}: {@code ((a >>> 5) *
 * 67108864 + (b >>> 6)) / 9007199254740992}, 53 random bits in [0, 1). Not thread-safe.
 */
final class NumpyRandomState {

    private static final int STATE_SIZE = 624;
    private static final int SHIFT = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    /** Largest seed that numpy's {@code RandomState} accepts, 2^32 - 1. */
    static final long MAX_SEED = 0xffffffffL;

    private final int[] state = new int[STATE_SIZE];
    private int position;

    /**
     * Creates the generator of numpy's {@code RandomState(seed)}.
     *
     * @throws IllegalArgumentException if {@code seed} is outside 0..2^32-1, the range numpy
     *     accepts
     */
    NumpyRandomState(long seed) {
        if (seed < 0 || seed > MAX_SEED) {
            throw new IllegalArgumentException(
                    "Invalid seed " + seed + ": expected 0.." + MAX_SEED + ", as numpy requires");
        }
        state[0] = (int) seed;
        for (int i = 1; i < STATE_SIZE; i++) {
            int previous = state[i - 1];
            state[i] = 1812433253 * (previous ^ (previous >>> 30)) + i;
        }
        position = STATE_SIZE;
    }

    /** Returns the next 32-bit output as an unsigned value in 0..2^32-1. */
    long nextUnsignedInt() {
        if (position >= STATE_SIZE) {
            regenerate();
        }
        int y = state[position++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xffffffffL;
    }

    /** Returns the next double in [0, 1), as numpy's {@code random_sample()}. */
    double randomSample() {
        long a = nextUnsignedInt() >>> 5;
        long b = nextUnsignedInt() >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /**
     * Returns a uniform integer in 0..max by rejection sampling on the smallest bit mask that
     * covers {@code max}, as numpy's {@code random_interval} for {@code max < 2^32}.
     */
    long randomInterval(long max) {
        if (max < 0 || max > MAX_SEED) {
            throw new IllegalArgumentException("Invalid bound " + max + ": expected 0..2^32-1");
        }
        if (max == 0) {
            return 0;
        }
        long mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        long value;
        do {
            value = nextUnsignedInt() & mask;
        } while (value > max);
        return value;
    }

    /**
     * Returns a random order of 0..n-1, as numpy's {@code RandomState.permutation(n)}: a
     * Fisher-Yates shuffle of {@code arange(n)} that swaps element {@code i} with element {@code
     * randomInterval(i)} for {@code i} from {@code n - 1} down to 1.
     */
    int[] permutation(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = (int) randomInterval(i);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    private void regenerate() {
        for (int i = 0; i < STATE_SIZE; i++) {
            int y = (state[i] & UPPER_MASK) | (state[(i + 1) % STATE_SIZE] & LOWER_MASK);
            int next = state[(i + SHIFT) % STATE_SIZE] ^ (y >>> 1);
            state[i] = (y & 1) == 0 ? next : next ^ MATRIX_A;
        }
        position = 0;
    }
}

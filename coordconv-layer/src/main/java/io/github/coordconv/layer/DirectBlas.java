package io.github.coordconv.layer;

import java.lang.ref.Reference;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Products of the pixel rows of a 1x1 convolution, handed straight to OpenBLAS through the JavaCPP
 * binding that ND4J's CPU BLAS wrapper uses ({@code openblas_nolapack}), a range of rows at a time.
 *
 * <p>{@code Nd4j.gemm} runs every product through ND4J's {@code matmul} operation. Calling {@code
 * cblas_sgemm} directly on ranges of {@value #CHUNK_VALUES} values, so that each range of a map
 * stays in the processor's cache between the products that read it, made the classifier's training
 * step take 12% to 17% less time (docs/benchmarks.md, "Where the time goes").
 *
 * <p>Every matrix is row-major, with no gaps between its rows. {@link #supports} checks that a set
 * of arrays qualifies: FLOAT or DOUBLE, on the CPU backend, with OpenBLAS on the class path. The
 * callers fall back to ND4J's operations otherwise. The system property {@value #PROPERTY} set to
 * {@code false} turns this path off, to compare the two.
 *
 * <p>NOTE: that binding loads its own copy of OpenBLAS beside the one ND4J's native operations
 * call, with its own thread pool. A test saw ND4J's thread setting in both.
 */
final class DirectBlas {

    private static final Logger log = LoggerFactory.getLogger(DirectBlas.class);

    /** System property that turns the direct calls off when {@code false}. */
    static final String PROPERTY = PointwiseConvolutionLayer.DIRECT_BLAS_PROPERTY;

    /** Values of the wider map in one range of rows: 1 MiB of floats. */
    static final int CHUNK_VALUES = 1 << 18;

    // Compile-time constants, so reading them loads no OpenBLAS class.
    private static final int ROW_MAJOR = openblas_nolapack.CblasRowMajor;

    private static final int NO_TRANSPOSE = openblas_nolapack.CblasNoTrans;

    private static final int TRANSPOSE = openblas_nolapack.CblasTrans;

    private DirectBlas() {}

    /**
     * Returns whether the direct calls can run on these arrays. The property must allow them and
     * ND4J must run on the CPU with OpenBLAS. Every array must be a row-major FLOAT or DOUBLE
     * matrix or vector of one data type, with fewer than 2^31 values.
     */
    static boolean supports(INDArray... arrays) {
        if (!Available.OPENBLAS || !Boolean.parseBoolean(System.getProperty(PROPERTY, "true"))) {
            return false;
        }
        DataType type = arrays[0].dataType();
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            return false;
        }
        for (INDArray array : arrays) {
            if (array.dataType() != type
                    || !rowMajor(array)
                    || array.length() > Integer.MAX_VALUE) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns whether the values lie in row-major order with no gaps. The stride of a dimension of
     * size 1 is ignored, because a {@code (1, n)} view of a parameter vector may have any.
     */
    private static boolean rowMajor(INDArray array) {
        long expected = 1;
        for (int i = array.rank() - 1; i >= 0; i--) {
            if (array.size(i) != 1 && array.stride(i) != expected) {
                return false;
            }
            expected *= array.size(i);
        }
        return true;
    }

    /** Returns the rows in one range of a map {@code width} values wide. */
    static int chunkRows(long width) {
        return (int) Math.max(1, CHUNK_VALUES / width);
    }

    /**
     * Computes {@code z = x w + b} for every row.
     *
     * @param x input rows {@code (rows, k)}
     * @param w weights {@code (k, n)}
     * @param b bias, {@code n} values
     * @param ones at least {@code min(rows, chunkRows(max(k, n)))} ones
     * @param z output rows {@code (rows, n)}, overwritten
     */
    static void affine(INDArray x, INDArray w, INDArray b, INDArray ones, INDArray z) {
        int rows = (int) x.size(0);
        int k = (int) x.size(1);
        int n = (int) z.size(1);
        int chunk = chunkRows(Math.max(k, n));
        checkShapes(rows, k, n, w, ones, chunk);
        checkLength("z", z, (long) rows * n);
        checkLength("b", b, n);
        INDArray[] arrays = {x, w, b, ones, z};

        for (int first = 0; first < rows; first += chunk) {
            int count = Math.min(chunk, rows - first);
            Block output = Block.rows(z, first);

            // The bias as a product with a column of ones, then the inputs' product added to it.
            gemm(false, false, count, n, 1, new Block(ones, 0, 1), Block.of(b, n), 0, output);
            gemm(false, false, count, n, k, Block.rows(x, first), Block.of(w, n), 1, output);
        }

        // The native calls only see addresses, so the arrays must stay reachable until they end.
        Reference.reachabilityFence(arrays);
    }

    /**
     * Computes the gradients of {@code z = x w + b} from {@code delta = dL/dz}.
     *
     * @param x input rows {@code (rows, k)}
     * @param w weights {@code (k, n)}
     * @param delta gradient rows {@code (rows, n)}
     * @param ones at least {@code min(rows, chunkRows(max(k, n)))} ones
     * @param weightGradient {@code (k, n)}, overwritten with {@code x^T delta}
     * @param biasGradient {@code n} values, overwritten with the column sums of {@code delta}
     * @param inputGradient {@code (rows, k)}, overwritten with {@code delta w^T}
     */
    static void gradients(
            INDArray x,
            INDArray w,
            INDArray delta,
            INDArray ones,
            INDArray weightGradient,
            INDArray biasGradient,
            INDArray inputGradient) {
        int rows = (int) x.size(0);
        int k = (int) x.size(1);
        int n = (int) delta.size(1);
        int chunk = chunkRows(Math.max(k, n));
        checkShapes(rows, k, n, w, ones, chunk);
        checkLength("delta", delta, (long) rows * n);
        checkLength("weightGradient", weightGradient, (long) k * n);
        checkLength("biasGradient", biasGradient, n);
        checkLength("inputGradient", inputGradient, (long) rows * k);
        INDArray[] arrays = {x, w, delta, ones, weightGradient, biasGradient, inputGradient};
        if (rows == 0) {
            weightGradient.assign(0);
            biasGradient.assign(0);
            return;
        }

        for (int first = 0; first < rows; first += chunk) {
            int count = Math.min(chunk, rows - first);
            double beta = first == 0 ? 0 : 1;
            Block input = Block.rows(x, first);
            Block gradient = Block.rows(delta, first);

            if (n == 1) {
                // One output channel: dW is a matrix-vector product.
                gemv(count, k, input, gradient, beta, weightGradient);
            } else {
                gemm(true, false, k, n, count, input, gradient, beta, Block.of(weightGradient, n));
            }
            gemv(count, n, gradient, new Block(ones, 0, 1), beta, biasGradient);
            Block inputRows = Block.rows(inputGradient, first);
            gemm(false, true, count, k, n, gradient, Block.of(w, n), 0, inputRows);
        }

        Reference.reachabilityFence(arrays);
    }

    /**
     * Checks that {@code w} is {@code (k, n)} and that {@code ones} covers a range of rows, because
     * the native calls would otherwise read or write past the arrays.
     */
    private static void checkShapes(int rows, int k, int n, INDArray w, INDArray ones, int chunk) {
        checkLength("w", w, (long) k * n);
        if (ones.length() < Math.min(rows, chunk)) {
            throw new IllegalArgumentException(
                    "Invalid ones vector: "
                            + ones.length()
                            + " values, expected at least "
                            + Math.min(rows, chunk)
                            + " (one per row of a range)");
        }
    }

    /** Checks that an array has the number of values the products read or write. */
    private static void checkLength(String name, INDArray array, long expected) {
        if (array.length() != expected) {
            throw new IllegalArgumentException(
                    "Invalid " + name + ": " + array.length() + " values, expected " + expected);
        }
    }

    /**
     * A row-major matrix that starts at value {@code at} of an array and whose rows lie {@code
     * stride} values apart.
     */
    private record Block(INDArray array, long at, int stride) {

        /** Returns the whole array, rows {@code stride} values apart. */
        static Block of(INDArray array, int stride) {
            return new Block(array, 0, stride);
        }

        /** Returns the rows of a {@code (rows, columns)} matrix from row {@code first} on. */
        static Block rows(INDArray matrix, long first) {
            int columns = (int) matrix.size(1);
            return new Block(matrix, first * columns, columns);
        }
    }

    /** Computes {@code c = a' b' + beta c}, where ' transposes the matrix when asked. */
    private static void gemm(
            boolean transposeA,
            boolean transposeB,
            int m,
            int n,
            int k,
            Block a,
            Block b,
            double beta,
            Block c) {
        int ta = transposeA ? TRANSPOSE : NO_TRANSPOSE;
        int tb = transposeB ? TRANSPOSE : NO_TRANSPOSE;
        if (c.array().dataType() == DataType.FLOAT) {
            openblas_nolapack.cblas_sgemm(
                    ROW_MAJOR,
                    ta,
                    tb,
                    m,
                    n,
                    k,
                    1f,
                    floats(a),
                    a.stride(),
                    floats(b),
                    b.stride(),
                    (float) beta,
                    floats(c),
                    c.stride());
        } else {
            openblas_nolapack.cblas_dgemm(
                    ROW_MAJOR,
                    ta,
                    tb,
                    m,
                    n,
                    k,
                    1,
                    doubles(a),
                    a.stride(),
                    doubles(b),
                    b.stride(),
                    beta,
                    doubles(c),
                    c.stride());
        }
    }

    /** Computes {@code y = a^T v + beta y} for an {@code (m, n)} matrix {@code a}. */
    private static void gemv(int m, int n, Block a, Block v, double beta, INDArray y) {
        Block out = Block.of(y, 1);
        if (y.dataType() == DataType.FLOAT) {
            openblas_nolapack.cblas_sgemv(
                    ROW_MAJOR,
                    TRANSPOSE,
                    m,
                    n,
                    1f,
                    floats(a),
                    a.stride(),
                    floats(v),
                    1,
                    (float) beta,
                    floats(out),
                    1);
        } else {
            openblas_nolapack.cblas_dgemv(
                    ROW_MAJOR,
                    TRANSPOSE,
                    m,
                    n,
                    1,
                    doubles(a),
                    a.stride(),
                    doubles(v),
                    1,
                    beta,
                    doubles(out),
                    1);
        }
    }

    /**
     * Returns a pointer to the first value of a FLOAT block. The buffer's address already includes
     * the offset of a view, as ND4J's own BLAS calls assume.
     */
    private static FloatPointer floats(Block block) {
        Pointer base = block.array().data().addressPointer();
        return new FloatPointer(base).position(base.position() + block.at());
    }

    /** Returns a pointer to the first value of a DOUBLE block. */
    private static DoublePointer doubles(Block block) {
        Pointer base = block.array().data().addressPointer();
        return new DoublePointer(base).position(base.position() + block.at());
    }

    /** Holder of the one check that ND4J runs on the CPU and its OpenBLAS classes load. */
    private static final class Available {

        static final boolean OPENBLAS = check();

        private static boolean check() {
            try {
                if (!Nd4j.getEnvironment().isCPU()) {
                    return false;
                }
                Class.forName("org.bytedeco.openblas.global.openblas_nolapack");
                return true;
            } catch (ClassNotFoundException | LinkageError e) {
                log.debug("OpenBLAS classes not found, so 1x1 products run through ND4J", e);
                return false;
            }
        }
    }
}

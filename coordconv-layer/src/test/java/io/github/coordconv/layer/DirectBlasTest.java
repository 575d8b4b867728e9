package io.github.coordconv.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;

/** DirectBlas against ND4J's matrix products, over several ranges of rows and on views. */
class DirectBlasTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(DirectBlas.PROPERTY);
    }

    /** Returns a c-ordered matrix that is a view at a non-zero offset of a larger vector. */
    private static INDArray viewAtOffset(DataType type, long rows, long columns) {
        INDArray flat = Nd4j.rand(type, 1, rows * columns + 17).subi(0.5);
        return flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(17, 17 + rows * columns))
                .reshape('c', rows, columns);
    }

    private static double tolerance(DataType type) {
        return type == DataType.DOUBLE ? 1e-10 : 1e-4;
    }

    @ParameterizedTest
    @CsvSource({"DOUBLE, 300, 512", "DOUBLE, 512, 1", "FLOAT, 300, 512", "FLOAT, 512, 1"})
    void affineMatchesMmulOverSeveralRanges(DataType type, int k, int n) {
        Nd4j.getRandom().setSeed(3);
        // chunkRows(512) is 512, so 1,300 rows take two whole ranges and a partial one.
        int rows = 1300;
        assertThat(DirectBlas.chunkRows(Math.max(k, n))).isLessThan(rows / 2);
        INDArray x = Nd4j.rand(type, rows, k).subi(0.5);
        INDArray w = viewAtOffset(type, k, n);
        INDArray b = viewAtOffset(type, 1, n);
        INDArray ones = Nd4j.ones(type, rows);
        INDArray z = Nd4j.rand(type, rows, n);
        assertThat(DirectBlas.supports(x, w, b, ones, z)).isTrue();

        DirectBlas.affine(x, w, b, ones, z);

        INDArray expected = x.mmul(w).addiRowVector(b);
        assertThat(z.equalsWithEps(expected, tolerance(type))).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"DOUBLE, 300, 512", "DOUBLE, 512, 1", "FLOAT, 300, 512", "FLOAT, 512, 1"})
    void gradientsMatchMmulOverSeveralRanges(DataType type, int k, int n) {
        Nd4j.getRandom().setSeed(5);
        int rows = 1300;
        INDArray x = Nd4j.rand(type, rows, k).subi(0.5);
        INDArray w = viewAtOffset(type, k, n);
        INDArray delta = Nd4j.rand(type, rows, n).subi(0.5);
        INDArray ones = Nd4j.ones(type, rows);
        INDArray weightGradient = viewAtOffset(type, k, n);
        INDArray biasGradient = viewAtOffset(type, 1, n);
        INDArray inputGradient = Nd4j.rand(type, rows, k);

        DirectBlas.gradients(x, w, delta, ones, weightGradient, biasGradient, inputGradient);

        double eps = tolerance(type) * 10;
        assertThat(weightGradient.equalsWithEps(x.transpose().mmul(delta), eps)).isTrue();
        assertThat(biasGradient.equalsWithEps(delta.sum(true, 0), eps)).isTrue();
        assertThat(inputGradient.equalsWithEps(delta.mmul(w.transpose()), eps)).isTrue();
    }

    @Test
    void noRowsGiveZeroGradients() {
        INDArray x = Nd4j.create(DataType.DOUBLE, 0, 3);
        INDArray delta = Nd4j.create(DataType.DOUBLE, 0, 4);
        INDArray weightGradient = Nd4j.ones(DataType.DOUBLE, 3, 4);
        INDArray biasGradient = Nd4j.ones(DataType.DOUBLE, 1, 4);

        DirectBlas.gradients(
                x,
                Nd4j.ones(DataType.DOUBLE, 3, 4),
                delta,
                Nd4j.ones(DataType.DOUBLE, 1),
                weightGradient,
                biasGradient,
                Nd4j.create(DataType.DOUBLE, 0, 3));

        assertThat(weightGradient.sumNumber().doubleValue()).isZero();
        assertThat(biasGradient.sumNumber().doubleValue()).isZero();
    }

    @Test
    void shortOnesVectorRejected() {
        INDArray x = Nd4j.ones(DataType.FLOAT, 10, 3);
        INDArray w = Nd4j.ones(DataType.FLOAT, 3, 4);

        assertThatThrownBy(
                        () ->
                                DirectBlas.affine(
                                        x,
                                        w,
                                        Nd4j.ones(DataType.FLOAT, 4),
                                        Nd4j.ones(DataType.FLOAT, 9),
                                        Nd4j.ones(DataType.FLOAT, 10, 4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid ones vector: 9 values, expected at least 10");
    }

    @Test
    void mismatchedGradientRejected() {
        INDArray x = Nd4j.ones(DataType.FLOAT, 10, 3);

        assertThatThrownBy(
                        () ->
                                DirectBlas.gradients(
                                        x,
                                        Nd4j.ones(DataType.FLOAT, 3, 4),
                                        Nd4j.ones(DataType.FLOAT, 10, 4),
                                        Nd4j.ones(DataType.FLOAT, 10),
                                        Nd4j.ones(DataType.FLOAT, 3, 4),
                                        Nd4j.ones(DataType.FLOAT, 4),
                                        Nd4j.ones(DataType.FLOAT, 9, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid inputGradient: 27 values, expected 30");
    }

    @Test
    void supportsOnlyRowMajorFloatOrDouble() {
        INDArray floats = Nd4j.ones(DataType.FLOAT, 4, 3);

        assertThat(DirectBlas.supports(floats, Nd4j.ones(DataType.FLOAT, 3))).isTrue();
        assertThat(DirectBlas.supports(Nd4j.ones(DataType.HALF, 4, 3))).isFalse();
        assertThat(DirectBlas.supports(floats, Nd4j.ones(DataType.DOUBLE, 3))).isFalse();
        assertThat(DirectBlas.supports(Nd4j.create(DataType.FLOAT, new long[] {4, 3}, 'f')))
                .isFalse();
        assertThat(DirectBlas.supports(floats.transpose())).isFalse();
        INDArray column = floats.get(NDArrayIndex.all(), NDArrayIndex.point(1));
        assertThat(DirectBlas.supports(column)).isFalse();
    }

    @Test
    void propertyTurnsThePathOff() {
        INDArray floats = Nd4j.ones(DataType.FLOAT, 4, 3);
        System.setProperty(DirectBlas.PROPERTY, "false");

        assertThat(DirectBlas.supports(floats)).isFalse();
    }

    /** NHWC input, a 64-channel pointwise layer, average pooling and an output layer. */
    private static MultiLayerNetwork network() {
        MultiLayerConfiguration conf =
                new NeuralNetConfiguration.Builder()
                        .seed(9)
                        .dataType(DataType.DOUBLE)
                        .updater(new NoOp())
                        .weightInit(WeightInit.XAVIER)
                        .list()
                        .layer(
                                new PointwiseConvolutionLayer.Builder()
                                        .nOut(64)
                                        .activation(Activation.RELU)
                                        .build())
                        .layer(new PointwiseConvolutionLayer.Builder().nOut(1).build())
                        .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                        .layer(PointwiseConvolutionEdgeCaseTest.output())
                        .setInputType(InputType.convolutional(48, 48, 3, CNN2DFormat.NHWC))
                        .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @Test
    void gradientCheckOverSeveralRanges() {
        // 2,000 filters make a range 131 rows, so a 12 x 12 map takes two ranges.
        MultiLayerConfiguration conf =
                new NeuralNetConfiguration.Builder()
                        .seed(5)
                        .dataType(DataType.DOUBLE)
                        .updater(new NoOp())
                        .weightInit(WeightInit.XAVIER)
                        .list()
                        .layer(LayerGradientTest.conv2d(3, CNN2DFormat.NHWC))
                        .layer(
                                new PointwiseConvolutionLayer.Builder()
                                        .nOut(2000)
                                        .activation(Activation.TANH)
                                        .build())
                        .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                        .layer(PointwiseConvolutionEdgeCaseTest.output())
                        .setInputType(InputType.convolutional(12, 12, 2, CNN2DFormat.NHWC))
                        .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Nd4j.getRandom().setSeed(17);
        INDArray features = Nd4j.rand(DataType.DOUBLE, 1, 12, 12, 2).subi(0.5);
        INDArray labels = Nd4j.rand(DataType.DOUBLE, 1, 2);
        assertThat(DirectBlas.chunkRows(2000)).isLessThan(12 * 12);

        // GradientCheckUtil requires double as ND4J's default type, and the other tests here use
        // the float default.
        DataType previous = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        boolean passed;
        try {
            passed =
                    GradientCheckUtil.checkGradients(
                            new GradientCheckUtil.MLNConfig()
                                    .net(net)
                                    .input(features)
                                    .labels(labels)
                                    .epsilon(GradientChecks.EPSILON)
                                    .maxRelError(GradientChecks.MAX_RELATIVE_ERROR)
                                    .minAbsoluteError(GradientChecks.MIN_ABSOLUTE_ERROR)
                                    .subset(true)
                                    .maxPerParam(40)
                                    .print(GradientCheckUtil.PrintMode.FAILURES_ONLY)
                                    .exitOnFirstError(false));
        } finally {
            Nd4j.setDefaultDataTypes(previous, previous);
        }

        assertThat(passed).isTrue();
    }

    @Test
    void networkMatchesNd4jProducts() {
        MultiLayerNetwork net = network();
        Nd4j.getRandom().setSeed(13);
        // 2 x 48 x 48 = 4,608 pixel rows: two ranges of the 64-channel layer (4,096 rows each).
        INDArray features = Nd4j.rand(DataType.DOUBLE, 2, 48, 48, 3).subi(0.5);
        INDArray labels = Nd4j.rand(DataType.DOUBLE, 2, 2);
        assertThat(DirectBlas.chunkRows(64)).isLessThan(2 * 48 * 48);

        net.setInput(features);
        net.setLabels(labels);
        net.computeGradientAndScore();
        for (String key : new String[] {"0_W", "0_b", "1_W", "1_b"}) {
            INDArray parameter = net.getParam(key);
            INDArray gradient = net.gradient().getGradientFor(key);
            assertThat(DirectBlas.supports(parameter, gradient)).as(key).isTrue();
        }
        INDArray directOutput = net.output(features);
        INDArray directGradients = net.getGradientsViewArray().dup();

        System.setProperty(DirectBlas.PROPERTY, "false");
        net.computeGradientAndScore();
        INDArray nd4jOutput = net.output(features);

        assertThat(directOutput.equalsWithEps(nd4jOutput, 1e-12)).isTrue();
        assertThat(directGradients.equalsWithEps(net.getGradientsViewArray(), 1e-12)).isTrue();
        assertThat(directGradients.amaxNumber().doubleValue()).isPositive();
    }
}

package io.github.coordconv.layer;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Pointwise layers as the last layers before a map loss, frozen, in graphs and on SameDiff. */
class FastLayerTrainingTest {

    @BeforeAll
    static void doubles() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    static NeuralNetConfiguration.Builder base(WorkspaceMode mode) {
        return new NeuralNetConfiguration.Builder()
                .seed(3)
                .dataType(DataType.DOUBLE)
                .updater(new Adam(0.02))
                .trainingWorkspaceMode(mode)
                .inferenceWorkspaceMode(mode);
    }

    /** Painter-style net: vector -> tiled coordconv -> pointwise (relu) -> 1-channel map loss. */
    static MultiLayerNetwork painter(WorkspaceMode mode, CNN2DFormat f, boolean reference) {
        NeuralNetConfiguration.ListBuilder list = base(mode).list();
        if (reference) {
            list.layer(new TileLayer.Builder().height(4).width(5).dataFormat(f).build())
                    .layer(new AddCoords.Builder().build())
                    .layer(
                            new ConvolutionLayer.Builder(1, 1)
                                    .nOut(6)
                                    .activation(Activation.RELU)
                                    .dataFormat(f)
                                    .build())
                    .layer(
                            new ConvolutionLayer.Builder(1, 1)
                                    .nOut(6)
                                    .activation(Activation.RELU)
                                    .dataFormat(f)
                                    .build())
                    .layer(
                            new ConvolutionLayer.Builder(1, 1)
                                    .nOut(1)
                                    .activation(Activation.IDENTITY)
                                    .dataFormat(f)
                                    .build());
        } else {
            list.layer(
                            new TiledCoordConvLayer.Builder()
                                    .nOut(6)
                                    .height(4)
                                    .width(5)
                                    .activation(Activation.RELU)
                                    .dataFormat(f)
                                    .build())
                    .layer(
                            new PointwiseConvolutionLayer.Builder()
                                    .nOut(6)
                                    .activation(Activation.RELU)
                                    .build())
                    .layer(
                            new PointwiseConvolutionLayer.Builder()
                                    .nOut(1)
                                    .activation(Activation.IDENTITY)
                                    .build());
        }
        MultiLayerConfiguration conf =
                list.layer(
                                new CnnLossLayer.Builder(LossFunctions.LossFunction.XENT)
                                        .activation(Activation.SIGMOID)
                                        .format(f)
                                        .build())
                        .setInputType(InputType.feedForward(2))
                        .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static void copyPainter(MultiLayerNetwork fused, MultiLayerNetwork ref) {
        // fused 0 (W (2+2, 6)) -> ref 2; fused 1 -> ref 3; fused 2 -> ref 4
        for (int i = 0; i < 3; i++) {
            INDArray w = fused.getLayer(i).getParam("W");
            ref.getLayer(i + 2)
                    .setParam("W", w.transpose().dup().reshape(w.size(1), w.size(0), 1, 1));
            ref.getLayer(i + 2)
                    .setParam(
                            "b",
                            fused.getLayer(i)
                                    .getParam("b")
                                    .dup()
                                    .reshape(ref.getLayer(i + 2).getParam("b").shape()));
        }
    }

    static DataSet painterData(CNN2DFormat f, int batch) {
        INDArray x = Nd4j.rand(DataType.DOUBLE, batch, 2);
        long[] shape =
                f == CNN2DFormat.NHWC ? new long[] {batch, 4, 5, 1} : new long[] {batch, 1, 4, 5};
        INDArray y = Nd4j.rand(DataType.DOUBLE, shape).gt(0.5).castTo(DataType.DOUBLE);
        return new DataSet(x, y);
    }

    @ParameterizedTest
    @EnumSource(CNN2DFormat.class)
    void painterTrainsLikeConvolutionLayers(CNN2DFormat f) {
        for (WorkspaceMode mode : new WorkspaceMode[] {WorkspaceMode.ENABLED, WorkspaceMode.NONE}) {
            MultiLayerNetwork fused = painter(mode, f, false);
            MultiLayerNetwork ref = painter(mode, f, true);
            copyPainter(fused, ref);
            Nd4j.getRandom().setSeed(1);
            for (int i = 0; i < 8; i++) {
                DataSet d = painterData(f, 1 + (i % 4));
                assertThat(fused.score(d))
                        .isCloseTo(ref.score(d), org.assertj.core.data.Offset.offset(1e-9));
                fused.fit(d);
                ref.fit(d);
            }
            DataSet d = painterData(f, 3);
            assertThat(
                            fused.output(d.getFeatures())
                                    .equalsWithEps(ref.output(d.getFeatures()), 1e-8))
                    .as(mode + " " + f)
                    .isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(CNN2DFormat.class)
    void frozenWithBackpropKeepsParametersAndPassesGradient(CNN2DFormat f) {
        MultiLayerConfiguration conf =
                base(WorkspaceMode.ENABLED)
                        .updater(new Sgd(0.5))
                        .list()
                        .layer(
                                new ConvolutionLayer.Builder(1, 1)
                                        .nOut(3)
                                        .activation(Activation.TANH)
                                        .dataFormat(f)
                                        .build())
                        .layer(
                                new FrozenLayerWithBackprop(
                                        new PointwiseConvolutionLayer.Builder()
                                                .nOut(2)
                                                .activation(Activation.RELU)
                                                .build()))
                        .layer(
                                new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE)
                                        .activation(Activation.IDENTITY)
                                        .format(f)
                                        .build())
                        .setInputType(InputType.convolutional(3, 3, 2, f))
                        .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray frozen = net.getLayer(1).params().dup();
        INDArray first = net.getLayer(0).params().dup();
        long[] in = f == CNN2DFormat.NHWC ? new long[] {2, 3, 3, 2} : new long[] {2, 2, 3, 3};
        long[] out = f == CNN2DFormat.NHWC ? new long[] {2, 3, 3, 2} : new long[] {2, 2, 3, 3};
        DataSet d = new DataSet(Nd4j.rand(DataType.DOUBLE, in), Nd4j.rand(DataType.DOUBLE, out));
        net.fit(d);
        assertThat(net.getLayer(1).params()).isEqualTo(frozen);
        assertThat(net.getLayer(0).params().equalsWithEps(first, 1e-12))
                .as("layer before learns")
                .isFalse();
    }

    @ParameterizedTest
    @EnumSource(CNN2DFormat.class)
    void dropoutLayerAfterReluPointwiseInAGraph(CNN2DFormat f) {
        // A DropoutLayer after the layer reads the ReLU output that the layer keeps for backprop.
        for (WorkspaceMode mode : new WorkspaceMode[] {WorkspaceMode.ENABLED, WorkspaceMode.NONE}) {
            ComputationGraphConfiguration conf =
                    base(mode)
                            .updater(new Sgd(0.1))
                            .graphBuilder()
                            .addInputs("in")
                            .addLayer(
                                    "p",
                                    new PointwiseConvolutionLayer.Builder()
                                            .nOut(3)
                                            .activation(Activation.RELU)
                                            .build(),
                                    "in")
                            .addLayer("d", new DropoutLayer.Builder(0.5).build(), "p")
                            .addLayer(
                                    "q",
                                    new PointwiseConvolutionLayer.Builder()
                                            .nOut(1)
                                            .activation(Activation.IDENTITY)
                                            .build(),
                                    "d")
                            .addLayer(
                                    "o",
                                    new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE)
                                            .activation(Activation.IDENTITY)
                                            .format(f)
                                            .build(),
                                    "q")
                            .setOutputs("o")
                            .setInputTypes(InputType.convolutional(3, 4, 2, f))
                            .build();
            ComputationGraph g = new ComputationGraph(conf);
            g.init();
            long[] in = f == CNN2DFormat.NHWC ? new long[] {2, 3, 4, 2} : new long[] {2, 2, 3, 4};
            long[] out = f == CNN2DFormat.NHWC ? new long[] {2, 3, 4, 1} : new long[] {2, 1, 3, 4};
            DataSet d =
                    new DataSet(Nd4j.rand(DataType.DOUBLE, in), Nd4j.rand(DataType.DOUBLE, out));
            for (int i = 0; i < 5; i++) {
                g.fit(d);
            }
            assertThat(g.params().isNaN().any()).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(CNN2DFormat.class)
    void sameDiffPathWithVaryingBatches(CNN2DFormat f) {
        MultiLayerNetwork direct;
        MultiLayerNetwork graph;
        Layer p =
                new PointwiseConvolutionLayer.Builder()
                        .nOut(2)
                        .activation(Activation.SOFTPLUS)
                        .build();
        direct = painterLike(f, p.clone());
        System.setProperty(DirectComputation.SAME_DIFF_PROPERTY, "true");
        try {
            graph = painterLike(f, p.clone());
        } finally {
            System.clearProperty(DirectComputation.SAME_DIFF_PROPERTY);
        }
        graph.setParams(direct.params().dup());
        for (int batch : new int[] {3, 1, 5}) {
            DataSet d = painterData(f, batch);
            assertThat(
                            graph.output(d.getFeatures())
                                    .equalsWithEps(direct.output(d.getFeatures()), 1e-10))
                    .as("batch " + batch)
                    .isTrue();
            direct.fit(d);
            graph.fit(d);
            assertThat(graph.params().equalsWithEps(direct.params(), 1e-9))
                    .as("fit batch " + batch)
                    .isTrue();
        }
    }

    static MultiLayerNetwork painterLike(CNN2DFormat f, Layer p) {
        MultiLayerConfiguration conf =
                base(WorkspaceMode.ENABLED)
                        .updater(new Sgd(0.1))
                        .list()
                        .layer(
                                new TiledCoordConvLayer.Builder()
                                        .nOut(3)
                                        .height(4)
                                        .width(5)
                                        .withRadius(true)
                                        .activation(Activation.ELU)
                                        .dataFormat(f)
                                        .build())
                        .layer(p)
                        .layer(new PointwiseConvolutionLayer.Builder().nOut(1).build())
                        .layer(
                                new CnnLossLayer.Builder(LossFunctions.LossFunction.XENT)
                                        .activation(Activation.SIGMOID)
                                        .format(f)
                                        .build())
                        .setInputType(InputType.feedForward(2))
                        .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @ParameterizedTest
    @EnumSource(CNN2DFormat.class)
    void convertDataType(CNN2DFormat f) {
        MultiLayerNetwork net =
                painterLike(
                        f,
                        new PointwiseConvolutionLayer.Builder()
                                .nOut(2)
                                .activation(Activation.RELU)
                                .build());
        DataSet d = painterData(f, 2);
        INDArray expected = net.output(d.getFeatures());
        MultiLayerNetwork floats = net.convertDataType(DataType.FLOAT);
        INDArray actual = floats.output(d.getFeatures().castTo(DataType.FLOAT));
        assertThat(actual.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(actual.castTo(DataType.DOUBLE).equalsWithEps(expected, 1e-5)).isTrue();
        floats.fit(
                new DataSet(
                        d.getFeatures().castTo(DataType.FLOAT),
                        d.getLabels().castTo(DataType.FLOAT)));
    }

    static MultiLayerNetwork single(Layer middle, CNN2DFormat f) {
        MultiLayerConfiguration conf =
                base(WorkspaceMode.ENABLED)
                        .updater(new Sgd(5.0))
                        .list()
                        .layer(middle)
                        .layer(
                                new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE)
                                        .activation(Activation.IDENTITY)
                                        .format(f)
                                        .build())
                        .setInputType(InputType.convolutional(3, 3, 2, f))
                        .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static DataSet bigSteps() {
        return new DataSet(
                Nd4j.rand(DataType.DOUBLE, 2, 2, 3, 3).muli(10),
                Nd4j.rand(DataType.DOUBLE, 2, 2, 3, 3).muli(-10));
    }

    @org.junit.jupiter.api.Test
    void weightConstraintIsAppliedOrRejected() {
        MultiLayerNetwork net =
                single(
                        new PointwiseConvolutionLayer.Builder()
                                .nOut(2)
                                .constrainWeights(
                                        new org.deeplearning4j.nn.conf.constraint.MaxNormConstraint(
                                                0.1, 0))
                                .build(),
                        CNN2DFormat.NCHW);
        net.fit(bigSteps());
        INDArray norms = net.getLayer(0).getParam("W").norm2(0);
        assertThat(net.getLayer(0).conf().getLayer().getConstraints())
                .as("constraints given to the builder")
                .isNotNull();
        assertThat(norms.maxNumber().doubleValue()).as("column norms " + norms).isLessThan(0.1001);
    }

    @org.junit.jupiter.api.Test
    void sameDiffReferencePathAppliesDropoutLikeTheDirectPath() {
        DataSet d = bigSteps();
        MultiLayerNetwork sd;
        System.setProperty(DirectComputation.SAME_DIFF_PROPERTY, "true");
        try {
            sd =
                    single(
                            new PointwiseConvolutionLayer.Builder().nOut(2).dropOut(0.5).build(),
                            CNN2DFormat.NCHW);
        } finally {
            System.clearProperty(DirectComputation.SAME_DIFF_PROPERTY);
        }
        MultiLayerNetwork direct =
                single(
                        new PointwiseConvolutionLayer.Builder().nOut(2).dropOut(0.5).build(),
                        CNN2DFormat.NCHW);
        assertThat(direct.feedForward(d.getFeatures(), true).get(1))
                .as("direct path drops out")
                .isNotEqualTo(direct.feedForward(d.getFeatures(), false).get(1));
        assertThat(sd.feedForward(d.getFeatures(), true).get(1))
                .as("SameDiff path drops out")
                .isNotEqualTo(sd.feedForward(d.getFeatures(), false).get(1));
    }
}

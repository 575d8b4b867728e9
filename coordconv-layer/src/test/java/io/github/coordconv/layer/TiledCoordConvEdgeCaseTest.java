package io.github.coordconv.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration.ListBuilder;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * TiledCoordConvLayer at the edges: other activations, shapes, memory layouts, data types,
 * regularisation, serialisation and misuse, against TileLayer, AddCoords and a 1x1 layer.
 */
class TiledCoordConvEdgeCaseTest {

    private static final int SIZE = 3;

    @BeforeAll
    static void doubles() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    static NeuralNetConfiguration.Builder base(DataType type, IUpdater updater) {
        return new NeuralNetConfiguration.Builder()
                .seed(5)
                .dataType(type)
                .updater(updater)
                .weightInit(org.deeplearning4j.nn.weights.WeightInit.XAVIER);
    }

    static Layer fused(
            Activation a,
            CNN2DFormat f,
            CoordinateRange r,
            boolean radius,
            int nOut,
            int h,
            int w) {
        return new TiledCoordConvLayer.Builder()
                .nOut(nOut)
                .height(h)
                .width(w)
                .range(r)
                .withRadius(radius)
                .activation(a)
                .dataFormat(f)
                .build();
    }

    static Layer[] separate(
            Activation a,
            CNN2DFormat f,
            CoordinateRange r,
            boolean radius,
            int nOut,
            int h,
            int w) {
        return new Layer[] {
            new TileLayer.Builder().height(h).width(w).dataFormat(f).build(),
            new AddCoords.Builder().range(r).withRadius(radius).build(),
            new PointwiseConvolutionLayer.Builder().nOut(nOut).activation(a).build()
        };
    }

    /** dense -> middle -> conv -> pool -> output. */
    static MultiLayerNetwork net(NeuralNetConfiguration.Builder b, CNN2DFormat f, Layer... middle) {
        ListBuilder list =
                b.list()
                        .layer(
                                new DenseLayer.Builder()
                                        .nOut(SIZE)
                                        .activation(Activation.TANH)
                                        .build());
        for (Layer l : middle) {
            list.layer(l);
        }
        list.layer(
                        new ConvolutionLayer.Builder(2, 2)
                                .nOut(3)
                                .convolutionMode(ConvolutionMode.Same)
                                .activation(Activation.TANH)
                                .dataFormat(f)
                                .build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                .layer(
                        new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                                .nOut(2)
                                .activation(Activation.IDENTITY)
                                .build())
                .setInputType(InputType.feedForward(4));
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        return net;
    }

    static DataSet data(int batch) {
        Nd4j.getRandom().setSeed(17);
        return new DataSet(
                Nd4j.rand(DataType.DOUBLE, batch, 4).subi(0.5).muli(4),
                Nd4j.rand(DataType.DOUBLE, batch, 2));
    }

    static final int[][] PAIRS = {{0, 0}, {1, 3}, {2, 4}, {4, 6}};

    static void copy(MultiLayerNetwork fused, MultiLayerNetwork separate) {
        for (int[] pair : PAIRS) {
            separate.getLayer(pair[1]).setParams(fused.getLayer(pair[0]).params().dup());
        }
    }

    static void assertSameGradients(Gradient expected, Gradient actual) {
        for (int[] pair : PAIRS) {
            for (String key : List.of("W", "b")) {
                INDArray want = expected.getGradientFor(pair[1] + "_" + key);
                INDArray got = actual.getGradientFor(pair[0] + "_" + key);
                assertThat(got.reshape(-1).equalsWithEps(want.reshape(-1), 1e-9))
                        .as(pair[0] + "_" + key + "\n" + want + "\n" + got)
                        .isTrue();
            }
        }
    }

    static Stream<Arguments> activations() {
        return Stream.of(CNN2DFormat.NCHW, CNN2DFormat.NHWC)
                .flatMap(
                        f ->
                                Stream.of(
                                                Activation.SIGMOID,
                                                Activation.LEAKYRELU,
                                                Activation.ELU,
                                                Activation.SOFTPLUS,
                                                Activation.SWISH,
                                                Activation.HARDTANH)
                                        .flatMap(
                                                a ->
                                                        Stream.of(
                                                                Arguments.of(
                                                                        f,
                                                                        a,
                                                                        CoordinateRange
                                                                                .MINUS_ONE_TO_ONE,
                                                                        false),
                                                                Arguments.of(
                                                                        f,
                                                                        a,
                                                                        CoordinateRange.ZERO_TO_ONE,
                                                                        true))));
    }

    @ParameterizedTest(name = "{0} {1} {2} radius {3}")
    @MethodSource("activations")
    void matchesSeparateLayersForMoreActivations(
            CNN2DFormat f, Activation a, CoordinateRange r, boolean radius) {
        MultiLayerNetwork mine =
                net(base(DataType.DOUBLE, new NoOp()), f, fused(a, f, r, radius, 4, 4, 5));
        MultiLayerNetwork ref =
                net(base(DataType.DOUBLE, new NoOp()), f, separate(a, f, r, radius, 4, 4, 5));
        copy(mine, ref);
        DataSet d = data(3);
        assertThat(mine.output(d.getFeatures()).equalsWithEps(ref.output(d.getFeatures()), 1e-10))
                .isTrue();
        assertSameGradients(GradientChecks.gradient(ref, d), GradientChecks.gradient(mine, d));
        assertThat(GradientChecks.passes(mine, d.getFeatures(), d.getLabels())).isTrue();
    }

    @ParameterizedTest(name = "{0} batch {1} {2}x{3} nOut {4}")
    @MethodSource("io.github.coordconv.layer.PointwiseConvolutionEdgeCaseTest#shapes")
    void oddShapesMatchSeparateLayers(CNN2DFormat f, int batch, int h, int w, int nOut) {
        for (boolean radius : new boolean[] {false, true}) {
            MultiLayerNetwork mine =
                    net(
                            base(DataType.DOUBLE, new NoOp()),
                            f,
                            fused(
                                    Activation.TANH,
                                    f,
                                    CoordinateRange.MINUS_ONE_TO_ONE,
                                    radius,
                                    nOut,
                                    h,
                                    w));
            MultiLayerNetwork ref =
                    net(
                            base(DataType.DOUBLE, new NoOp()),
                            f,
                            separate(
                                    Activation.TANH,
                                    f,
                                    CoordinateRange.MINUS_ONE_TO_ONE,
                                    radius,
                                    nOut,
                                    h,
                                    w));
            copy(mine, ref);
            DataSet d = data(batch);
            INDArray a = mine.output(d.getFeatures());
            INDArray b = ref.output(d.getFeatures());
            assertThat(a.isNaN().any()).as("NaN in output").isFalse();
            assertThat(a.equalsWithEps(b, 1e-10))
                    .as("radius " + radius + "\n" + a + "\n" + b)
                    .isTrue();
            assertSameGradients(GradientChecks.gradient(ref, d), GradientChecks.gradient(mine, d));
        }
    }

    @Test
    void nInOfOneAndInputLayouts() {
        for (CNN2DFormat f : CNN2DFormat.values()) {
            MultiLayerConfiguration conf =
                    base(DataType.DOUBLE, new NoOp())
                            .list()
                            .layer(
                                    fused(
                                            Activation.ELU,
                                            f,
                                            CoordinateRange.ZERO_TO_ONE,
                                            true,
                                            2,
                                            3,
                                            4))
                            .layer(new GlobalPoolingLayer.Builder(PoolingType.MAX).build())
                            .layer(
                                    new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                                            .nOut(1)
                                            .activation(Activation.IDENTITY)
                                            .build())
                            .setInputType(InputType.feedForward(1))
                            .build();
            MultiLayerNetwork net = new MultiLayerNetwork(conf);
            net.init();
            net.initGradientsView();
            INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 1);
            INDArray expected = net.output(x);
            // f-ordered, column view of a wider array, float input
            assertThat(net.output(x.dup('f')).equalsWithEps(expected, 1e-12)).isTrue();
            INDArray wide = Nd4j.concat(1, x.mul(9), x);
            INDArray column =
                    wide.get(
                            org.nd4j.linalg.indexing.NDArrayIndex.all(),
                            org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 2));
            assertThat(net.output(column).equalsWithEps(expected, 1e-12))
                    .as("column view")
                    .isTrue();
            assertThat(
                            net.output(x.castTo(DataType.FLOAT))
                                    .castTo(DataType.DOUBLE)
                                    .equalsWithEps(expected, 1e-5))
                    .isTrue();
            DataSet d = new DataSet(x, Nd4j.rand(DataType.DOUBLE, 4, 1));
            assertThat(GradientChecks.passes(net, x, d.getLabels())).isTrue();
            // layer level: f-ordered epsilon
            org.deeplearning4j.nn.api.Layer layer = net.getLayer(0);
            INDArray out = layer.activate(x, true, LayerWorkspaceMgr.noWorkspaces());
            INDArray eps = Nd4j.rand(DataType.DOUBLE, out.shape());
            INDArray g1 =
                    layer.backpropGradient(eps, LayerWorkspaceMgr.noWorkspaces())
                            .getFirst()
                            .getGradientFor("W")
                            .dup();
            layer.activate(x, true, LayerWorkspaceMgr.noWorkspaces());
            INDArray g2 =
                    layer.backpropGradient(eps.dup('f'), LayerWorkspaceMgr.noWorkspaces())
                            .getFirst()
                            .getGradientFor("W")
                            .dup();
            assertThat(g2.equalsWithEps(g1, 1e-12)).as("f-ordered epsilon").isTrue();
        }
    }

    @Test
    void wrongInputsAreRejectedClearly() {
        MultiLayerNetwork net =
                net(
                        base(DataType.DOUBLE, new NoOp()),
                        CNN2DFormat.NCHW,
                        fused(
                                Activation.RELU,
                                CNN2DFormat.NCHW,
                                CoordinateRange.MINUS_ONE_TO_ONE,
                                false,
                                4,
                                4,
                                5));
        org.deeplearning4j.nn.api.Layer layer = net.getLayer(1);
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        assertThatThrownBy(() -> layer.activate(Nd4j.create(DataType.DOUBLE, 0, SIZE), false, mgr))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(
                        () -> layer.activate(Nd4j.rand(DataType.DOUBLE, 2, SIZE, 1, 1), false, mgr))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, 3, 1, 1]");
        assertThatThrownBy(() -> layer.activate(Nd4j.rand(DataType.DOUBLE, SIZE), false, mgr))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[3]");
        assertThatThrownBy(() -> layer.activate(Nd4j.rand(DataType.DOUBLE, SIZE, 2), false, mgr))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[3, 2]");
    }

    @Test
    void mapInputNeedsAPreprocessorAndNamesIt() {
        // A map into the fused layer without a preprocessor fails with a message naming the fix.
        Throwable t =
                org.assertj.core.api.Assertions.catchThrowable(
                        () ->
                                base(DataType.DOUBLE, new NoOp())
                                        .list()
                                        .layer(new ConvolutionLayer.Builder(2, 2).nOut(2).build())
                                        .layer(
                                                fused(
                                                        Activation.RELU,
                                                        CNN2DFormat.NCHW,
                                                        CoordinateRange.MINUS_ONE_TO_ONE,
                                                        false,
                                                        2,
                                                        3,
                                                        3))
                                        .layer(new GlobalPoolingLayer.Builder().build())
                                        .layer(new OutputLayer.Builder().nOut(2).build())
                                        .setInputType(InputType.convolutional(4, 4, 1))
                                        .build());
        assertThat(t).isNotNull();
        assertThat(t.getMessage())
                .contains("InputType.feedForward(C)")
                .contains("CnnToFeedForwardPreProcessor");
        // With a preprocessor given by hand it works.
        MultiLayerConfiguration conf =
                base(DataType.DOUBLE, new NoOp())
                        .list()
                        .layer(
                                new ConvolutionLayer.Builder(2, 2)
                                        .nOut(2)
                                        .activation(Activation.TANH)
                                        .build())
                        .layer(
                                fused(
                                        Activation.SOFTPLUS,
                                        CNN2DFormat.NCHW,
                                        CoordinateRange.MINUS_ONE_TO_ONE,
                                        false,
                                        2,
                                        3,
                                        3))
                        .inputPreProcessor(
                                1,
                                new org.deeplearning4j.nn.conf.preprocessor
                                        .CnnToFeedForwardPreProcessor(3, 3, 2))
                        .layer(new GlobalPoolingLayer.Builder().build())
                        .layer(
                                new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                                        .nIn(2)
                                        .nOut(2)
                                        .activation(Activation.IDENTITY)
                                        .build())
                        .setInputType(InputType.convolutional(4, 4, 1))
                        .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 1, 4, 4);
        assertThat(GradientChecks.passes(net, x, Nd4j.rand(DataType.DOUBLE, 2, 2))).isTrue();
    }

    @Test
    void nInByHandWithoutInputType() {
        MultiLayerConfiguration conf =
                base(DataType.DOUBLE, new NoOp())
                        .list()
                        .layer(
                                new TiledCoordConvLayer.Builder()
                                        .nIn(4)
                                        .nOut(3)
                                        .height(2)
                                        .width(3)
                                        .activation(Activation.SIGMOID)
                                        .build())
                        .layer(new GlobalPoolingLayer.Builder().build())
                        .layer(
                                new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                                        .nIn(3)
                                        .nOut(2)
                                        .activation(Activation.IDENTITY)
                                        .build())
                        .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        DataSet d = data(3);
        assertThat(GradientChecks.passes(net, d.getFeatures(), d.getLabels())).isTrue();
    }

    static Stream<Arguments> training() {
        return Stream.of(CNN2DFormat.NCHW, CNN2DFormat.NHWC)
                .flatMap(
                        f ->
                                Stream.of(Activation.RELU, Activation.IDENTITY, Activation.SIGMOID)
                                        .flatMap(
                                                a ->
                                                        Stream.<IUpdater>of(
                                                                        new Sgd(0.05),
                                                                        new Adam(0.01),
                                                                        new Nesterovs(0.01, 0.9))
                                                                .map(u -> Arguments.of(f, a, u))));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("training")
    void trainingMatchesSeparateLayersWithAndWithoutWorkspaces(
            CNN2DFormat f, Activation a, IUpdater u) {
        Layer fl = fused(a, f, CoordinateRange.MINUS_ONE_TO_ONE, true, 4, 4, 5);
        MultiLayerNetwork ws =
                net(
                        base(DataType.DOUBLE, u.clone())
                                .trainingWorkspaceMode(WorkspaceMode.ENABLED),
                        f,
                        fl.clone());
        MultiLayerNetwork none =
                net(
                        base(DataType.DOUBLE, u.clone())
                                .trainingWorkspaceMode(WorkspaceMode.NONE)
                                .inferenceWorkspaceMode(WorkspaceMode.NONE),
                        f,
                        fl.clone());
        MultiLayerNetwork ref =
                net(
                        base(DataType.DOUBLE, u.clone()),
                        f,
                        separate(a, f, CoordinateRange.MINUS_ONE_TO_ONE, true, 4, 4, 5));
        none.setParams(ws.params().dup());
        copy(ws, ref);
        int[] batches = {3, 1, 6, 2, 3};
        for (int i = 0; i < batches.length; i++) {
            DataSet d = data(batches[i]);
            ws.fit(d);
            none.fit(d);
            ref.fit(d);
            ws.output(data(batches[i] + 2).getFeatures());
            ws.feedForward(data(batches[i] + 1).getFeatures(), true);
        }
        DataSet probe = data(4);
        INDArray x = ws.output(probe.getFeatures());
        assertThat(x.equalsWithEps(none.output(probe.getFeatures()), 1e-9))
                .as("ENABLED vs NONE")
                .isTrue();
        assertThat(x.equalsWithEps(ref.output(probe.getFeatures()), 1e-8))
                .as("vs separate")
                .isTrue();
    }

    @Test
    void floatAndHalfMatchSeparateLayers() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.HALF}) {
            for (CNN2DFormat f : CNN2DFormat.values()) {
                MultiLayerNetwork mine =
                        net(
                                base(type, new Sgd(0.05)),
                                f,
                                fused(
                                        Activation.RELU,
                                        f,
                                        CoordinateRange.MINUS_ONE_TO_ONE,
                                        true,
                                        4,
                                        4,
                                        5));
                MultiLayerNetwork ref =
                        net(
                                base(type, new Sgd(0.05)),
                                f,
                                separate(
                                        Activation.RELU,
                                        f,
                                        CoordinateRange.MINUS_ONE_TO_ONE,
                                        true,
                                        4,
                                        4,
                                        5));
                copy(mine, ref);
                DataSet d = data(3);
                DataSet typed =
                        new DataSet(d.getFeatures().castTo(type), d.getLabels().castTo(type));
                double tol = type == DataType.HALF ? 2e-2 : 1e-5;
                INDArray a = mine.output(typed.getFeatures());
                INDArray b = ref.output(typed.getFeatures());
                assertThat(a.dataType()).isEqualTo(type);
                assertThat(a.castTo(DataType.DOUBLE).equalsWithEps(b.castTo(DataType.DOUBLE), tol))
                        .as(type + " " + f)
                        .isTrue();
                mine.fit(typed);
                ref.fit(typed);
                assertThat(
                                mine.getLayer(1)
                                        .params()
                                        .castTo(DataType.DOUBLE)
                                        .equalsWithEps(
                                                ref.getLayer(3).params().castTo(DataType.DOUBLE),
                                                tol))
                        .as(type + " " + f + " params after fit")
                        .isTrue();
            }
        }
    }

    @Test
    void dropoutOnTheLayer() {
        Layer layer =
                new TiledCoordConvLayer.Builder()
                        .nOut(4)
                        .height(4)
                        .width(5)
                        .activation(Activation.RELU)
                        .dropOut(0.5)
                        .build();
        for (WorkspaceMode mode : new WorkspaceMode[] {WorkspaceMode.ENABLED, WorkspaceMode.NONE}) {
            MultiLayerNetwork net =
                    net(
                            base(DataType.DOUBLE, new Adam(0.01))
                                    .trainingWorkspaceMode(mode)
                                    .inferenceWorkspaceMode(mode),
                            CNN2DFormat.NCHW,
                            layer.clone());
            DataSet d = data(3);
            assertThat(net.output(d.getFeatures())).isEqualTo(net.output(d.getFeatures()));
            INDArray train = net.feedForward(d.getFeatures(), true).get(2);
            INDArray test = net.feedForward(d.getFeatures(), false).get(2);
            assertThat(train.equalsWithEps(test, 1e-12)).as("dropout active in training").isFalse();
            for (int i = 0; i < 5; i++) {
                net.fit(d);
            }
            assertThat(net.params().isNaN().any()).isFalse();
        }
    }

    @Test
    void l2ScoreAndUpdateMatchSeparateLayers() {
        CNN2DFormat f = CNN2DFormat.NHWC;

        MultiLayerNetwork mine =
                net(
                        base(DataType.DOUBLE, new Sgd(0.1)).l2(0.2).l1(0.01),
                        f,
                        fused(
                                Activation.TANH,
                                f,
                                CoordinateRange.MINUS_ONE_TO_ONE,
                                false,
                                4,
                                4,
                                5));

        MultiLayerNetwork ref =
                net(
                        base(DataType.DOUBLE, new Sgd(0.1)).l2(0.2).l1(0.01),
                        f,
                        separate(
                                Activation.TANH,
                                f,
                                CoordinateRange.MINUS_ONE_TO_ONE,
                                false,
                                4,
                                4,
                                5));

        copy(mine, ref);

        DataSet d = data(3);

        double mineScore = mine.score(d);

        double refScore = ref.score(d);

        mine.fit(d);

        ref.fit(d);

        assertThat(mine.getLayer(1).params().equalsWithEps(ref.getLayer(3).params(), 1e-10))
                .as("update with l1/l2")
                .isTrue();
        // The fused layer must report its own penalty, and the scores of the two nets must agree.
        INDArray w = mine.getLayer(1).getParam("W");

        double penaltyOfFused = mine.getLayer(1).calcRegularizationScore(true);

        assertThat(penaltyOfFused).as("regularization score of the fused layer").isGreaterThan(0);

        assertThat(mineScore).isCloseTo(refScore, org.assertj.core.data.Offset.offset(1e-10));

        assertThat(w).isNotNull();
    }

    @Test
    void twoFusedLayersShareAnInput() {
        for (CNN2DFormat f : CNN2DFormat.values()) {
            ComputationGraphConfiguration conf =
                    base(DataType.DOUBLE, new NoOp())
                            .graphBuilder()
                            .addInputs("in")
                            .addLayer(
                                    "a",
                                    fused(
                                            Activation.ELU,
                                            f,
                                            CoordinateRange.MINUS_ONE_TO_ONE,
                                            true,
                                            3,
                                            3,
                                            4),
                                    "in")
                            .addLayer(
                                    "b",
                                    fused(
                                            Activation.SIGMOID,
                                            f,
                                            CoordinateRange.ZERO_TO_ONE,
                                            false,
                                            3,
                                            3,
                                            4),
                                    "in")
                            .addVertex(
                                    "m",
                                    new org.deeplearning4j.nn.conf.graph.MergeVertex(),
                                    "a",
                                    "b")
                            .addLayer(
                                    "g",
                                    new GlobalPoolingLayer.Builder(PoolingType.AVG).build(),
                                    "m")
                            .addLayer(
                                    "o",
                                    new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                                            .nOut(2)
                                            .activation(Activation.IDENTITY)
                                            .build(),
                                    "g")
                            .setOutputs("o")
                            .setInputTypes(InputType.feedForward(4))
                            .build();
            ComputationGraph g = new ComputationGraph(conf);
            g.init();
            DataSet d = data(3);
            assertThat(GradientChecks.passes(g, d.getFeatures(), d.getLabels()))
                    .as(f.toString())
                    .isTrue();
            ComputationGraph restored =
                    new ComputationGraph(ComputationGraphConfiguration.fromYaml(conf.toYaml()));
            restored.init(g.params().dup(), true);
            assertThat(
                            restored.outputSingle(d.getFeatures())
                                    .equalsWithEps(g.outputSingle(d.getFeatures()), 1e-12))
                    .isTrue();
        }
    }

    @TempDir Path dir;

    @Test
    void roundTripsCloneMemoryReportAndToString() throws Exception {
        for (CNN2DFormat f : CNN2DFormat.values()) {
            Layer layer =
                    new TiledCoordConvLayer.Builder()
                            .nOut(3)
                            .height(3)
                            .width(6)
                            .range(CoordinateRange.ZERO_TO_ONE)
                            .withRadius(true)
                            .activation(Activation.LEAKYRELU)
                            .biasInit(-0.5)
                            .dataFormat(f)
                            .build();
            MultiLayerNetwork net = net(base(DataType.DOUBLE, new Adam(0.01)), f, layer);
            DataSet d = data(3);
            net.fit(d);
            INDArray expected = net.output(d.getFeatures());
            MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
            for (MultiLayerConfiguration c :
                    List.of(
                            MultiLayerConfiguration.fromJson(conf.toJson()),
                            MultiLayerConfiguration.fromYaml(conf.toYaml()),
                            conf.clone())) {
                assertThat(c.getConf(1).getLayer().toString())
                        .isEqualTo(conf.getConf(1).getLayer().toString());
                MultiLayerNetwork copy = new MultiLayerNetwork(c);
                copy.init(net.params().dup(), true);
                assertThat(copy.output(d.getFeatures()).equalsWithEps(expected, 1e-12)).isTrue();
            }
            File file = dir.resolve("t-" + f + ".zip").toFile();
            ModelSerializer.writeModel(net, file, true);
            MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
            assertThat(restored.output(d.getFeatures()).equalsWithEps(expected, 1e-12)).isTrue();
            restored.fit(d);
            net.fit(d);
            assertThat(restored.params().equalsWithEps(net.params(), 1e-10)).isTrue();
            MultiLayerNetwork cloned = net.clone();
            assertThat(
                            cloned.output(d.getFeatures())
                                    .equalsWithEps(net.output(d.getFeatures()), 1e-12))
                    .isTrue();
            assertThat(conf.getMemoryReport(InputType.feedForward(4)).toString()).isNotEmpty();
            assertThat(net.summary(InputType.feedForward(4))).isNotEmpty();
            assertThat(conf.getConf(1).getLayer().toString())
                    .contains("height=3")
                    .contains("width=6")
                    .contains("radius=true");
        }
    }

    @Test
    void builderMisuse() {
        assertThatThrownBy(() -> new TiledCoordConvLayer.Builder().height(0))
                .hasMessageContaining("height")
                .hasMessageContaining("0");

        assertThatThrownBy(() -> new TiledCoordConvLayer.Builder().width(-3))
                .hasMessageContaining("width")
                .hasMessageContaining("-3");

        assertThatThrownBy(() -> new TiledCoordConvLayer.Builder().nIn(-3))
                .hasMessageContaining("nIn")
                .hasMessageContaining("-3");

        assertThatThrownBy(() -> new TiledCoordConvLayer.Builder().height(2).width(2).build())
                .hasMessageContaining("nOut(n)")
                .hasMessageContaining("nOut 0");

        assertThatThrownBy(() -> new TiledCoordConvLayer.Builder().nOut(2).width(2).build())
                .hasMessageContaining("height(h)")
                .hasMessageContaining("height 0");

        assertThatThrownBy(() -> new TiledCoordConvLayer.Builder().dataFormat(null))
                .hasMessageContaining("NCHW");

        assertThatThrownBy(() -> new TiledCoordConvLayer.Builder().activation(null))
                .hasMessageContaining("activation");

        TiledCoordConvLayer l =
                (TiledCoordConvLayer)
                        fused(
                                Activation.RELU,
                                CNN2DFormat.NCHW,
                                CoordinateRange.MINUS_ONE_TO_ONE,
                                false,
                                2,
                                2,
                                2);

        assertThatThrownBy(() -> l.setHeight(0)).hasMessageContaining("height");

        assertThatThrownBy(() -> l.setRange(null)).hasMessageContaining("range");

        assertThatThrownBy(() -> l.setNIn(-1)).hasMessageContaining("nIn");
        // memory report and toString before nIn is known
        assertThat(l.toString()).contains("nIn=0");

        Throwable t =
                org.assertj.core.api.Assertions.catchThrowable(
                        () -> l.getMemoryReport(InputType.feedForward(3)));

        if (t != null) {
            assertThat(t.getMessage()).contains("nIn");
        }
        // No nIn and no input type: error names the fix.
        assertThatThrownBy(
                        () -> {
                            MultiLayerNetwork n =
                                    new MultiLayerNetwork(
                                            base(DataType.DOUBLE, new NoOp())
                                                    .list()
                                                    .layer(
                                                            new TiledCoordConvLayer.Builder()
                                                                    .nOut(2)
                                                                    .height(2)
                                                                    .width(2)
                                                                    .build())
                                                    .layer(new GlobalPoolingLayer.Builder().build())
                                                    .layer(
                                                            new OutputLayer.Builder()
                                                                    .nIn(2)
                                                                    .nOut(2)
                                                                    .build())
                                                    .build());
                            n.init();
                        })
                .hasMessageContaining("nIn")
                .hasMessageContaining("setInputType");
    }

    @Test
    void largeMapSizesGiveAnOutputType() {
        // Only the configuration is checked; no network is built.
        Throwable t =
                org.assertj.core.api.Assertions.catchThrowable(
                        () -> {
                            TiledCoordConvLayer l =
                                    new TiledCoordConvLayer.Builder()
                                            .nOut(1)
                                            .height(100_000)
                                            .width(100_000)
                                            .build();
                            l.setNIn(InputType.feedForward(2), false);
                            l.getOutputType(0, InputType.feedForward(2));
                        });
        assertThat(t).isNull();
    }
}

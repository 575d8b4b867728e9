package io.github.coordconv.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
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
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * PointwiseConvolutionLayer at the edges: other activations, shapes, memory layouts, data types,
 * regularisation, constraints, serialisation and misuse, against DL4J's 1x1 ConvolutionLayer.
 */
class PointwiseConvolutionEdgeCaseTest {

    @BeforeAll
    static void doubles() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    static NeuralNetConfiguration.Builder base(DataType type, IUpdater updater) {
        return new NeuralNetConfiguration.Builder()
                .seed(7)
                .dataType(type)
                .updater(updater)
                .weightInit(org.deeplearning4j.nn.weights.WeightInit.XAVIER);
    }

    static ConvolutionLayer conv(CNN2DFormat format) {
        return new ConvolutionLayer.Builder(2, 2)
                .nOut(3)
                .convolutionMode(ConvolutionMode.Same)
                .activation(Activation.TANH)
                .dataFormat(format)
                .build();
    }

    static OutputLayer output() {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                .nOut(2)
                .activation(Activation.IDENTITY)
                .build();
    }

    /** conv 2x2 -> middle -> global avg pool -> output. */
    static MultiLayerNetwork net(
            NeuralNetConfiguration.Builder base, Layer middle, CNN2DFormat format, int h, int w) {
        MultiLayerConfiguration conf =
                base.list()
                        .layer(conv(format))
                        .layer(middle)
                        .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                        .layer(output())
                        .setInputType(InputType.convolutional(h, w, 3, format))
                        .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static Layer pointwise(Activation activation, int nOut) {
        return new PointwiseConvolutionLayer.Builder().nOut(nOut).activation(activation).build();
    }

    static Layer oneByOne(Activation activation, int nOut, CNN2DFormat format) {
        return new ConvolutionLayer.Builder(1, 1)
                .nOut(nOut)
                .activation(activation)
                .dataFormat(format)
                .build();
    }

    /** Copies parameters of the pointwise net into the 1x1 convolution net. */
    static void copy(MultiLayerNetwork from, MultiLayerNetwork to) {
        for (int i : new int[] {0, 3}) {
            to.getLayer(i).setParams(from.getLayer(i).params().dup());
        }
        INDArray weights = from.getLayer(1).getParam("W");
        to.getLayer(1)
                .setParam(
                        "W",
                        weights.transpose().dup().reshape(weights.size(1), weights.size(0), 1, 1));
        to.getLayer(1).setParam("b", from.getLayer(1).getParam("b").dup());
    }

    static INDArray features(CNN2DFormat format, int batch, int h, int w, DataType type) {
        long[] shape =
                format == CNN2DFormat.NHWC
                        ? new long[] {batch, h, w, 3}
                        : new long[] {batch, 3, h, w};
        return Nd4j.rand(type, shape).subi(0.5).muli(3);
    }

    static DataSet data(CNN2DFormat format, int batch, int h, int w) {
        Nd4j.getRandom().setSeed(11);
        return new DataSet(
                features(format, batch, h, w, DataType.DOUBLE),
                Nd4j.rand(DataType.DOUBLE, batch, 2));
    }

    static void assertSameGradients(Gradient expected, Gradient actual) {
        for (String key : List.of("0_W", "0_b", "3_W", "3_b", "1_b")) {
            INDArray e = expected.getGradientFor(key).reshape(-1);
            INDArray a = actual.getGradientFor(key).reshape(-1);
            assertThat(a.equalsWithEps(e, 1e-9)).as(key + "\n" + e + "\n" + a).isTrue();
        }
        INDArray kernel = expected.getGradientFor("1_W");
        INDArray asDense = kernel.reshape(kernel.size(0), kernel.size(1)).transpose();
        assertThat(actual.getGradientFor("1_W").equalsWithEps(asDense, 1e-9))
                .as("1_W\n" + asDense + "\n" + actual.getGradientFor("1_W"))
                .isTrue();
    }

    // ---------------------------------------------------------------- gradients vs 1x1 conv

    static Stream<Arguments> activations() {
        return Stream.of(CNN2DFormat.NCHW, CNN2DFormat.NHWC)
                .flatMap(
                        f ->
                                Stream.of(
                                                Activation.SIGMOID,
                                                Activation.LEAKYRELU,
                                                Activation.ELU,
                                                Activation.SOFTPLUS,
                                                Activation.RELU6,
                                                Activation.SWISH,
                                                Activation.HARDTANH,
                                                Activation.CUBE)
                                        .map(a -> Arguments.of(f, a)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("activations")
    void matchesOneByOneConvolutionForMoreActivations(CNN2DFormat format, Activation activation) {
        MultiLayerNetwork mine =
                net(base(DataType.DOUBLE, new NoOp()), pointwise(activation, 4), format, 4, 5);
        MultiLayerNetwork ref =
                net(
                        base(DataType.DOUBLE, new NoOp()),
                        oneByOne(activation, 4, format),
                        format,
                        4,
                        5);
        copy(mine, ref);
        DataSet data = data(format, 3, 4, 5);

        assertThat(
                        mine.output(data.getFeatures())
                                .equalsWithEps(ref.output(data.getFeatures()), 1e-10))
                .isTrue();
        assertSameGradients(
                GradientChecks.gradient(ref, data), GradientChecks.gradient(mine, data));
        assertThat(GradientChecks.passes(mine, data.getFeatures(), data.getLabels())).isTrue();
    }

    // ---------------------------------------------------------------- odd shapes

    static Stream<Arguments> shapes() {
        // format, batch, height, width, nOut
        return Stream.of(CNN2DFormat.NCHW, CNN2DFormat.NHWC)
                .flatMap(
                        f ->
                                Stream.of(
                                        Arguments.of(f, 1, 4, 5, 4),
                                        Arguments.of(f, 3, 1, 1, 4),
                                        Arguments.of(f, 1, 1, 1, 1),
                                        Arguments.of(f, 2, 1, 7, 1),
                                        Arguments.of(f, 2, 6, 1, 2),
                                        Arguments.of(f, 5, 3, 8, 1)));
    }

    @ParameterizedTest(name = "{0} batch {1} {2}x{3} nOut {4}")
    @MethodSource("shapes")
    void oddShapesMatchOneByOneConvolution(CNN2DFormat format, int batch, int h, int w, int nOut) {
        MultiLayerNetwork mine =
                net(
                        base(DataType.DOUBLE, new Sgd(0.1)),
                        pointwise(Activation.TANH, nOut),
                        format,
                        h,
                        w);
        MultiLayerNetwork ref =
                net(
                        base(DataType.DOUBLE, new Sgd(0.1)),
                        oneByOne(Activation.TANH, nOut, format),
                        format,
                        h,
                        w);
        copy(mine, ref);
        DataSet data = data(format, batch, h, w);

        assertThat(
                        mine.output(data.getFeatures())
                                .equalsWithEps(ref.output(data.getFeatures()), 1e-10))
                .isTrue();
        assertSameGradients(
                GradientChecks.gradient(ref, data), GradientChecks.gradient(mine, data));
    }

    /** Layer-level: the pointwise layer alone on odd input layouts. */
    static Stream<Arguments> formats() {
        return Stream.of(Arguments.of(CNN2DFormat.NCHW), Arguments.of(CNN2DFormat.NHWC));
    }

    @ParameterizedTest
    @MethodSource("formats")
    void viewsFOrderAndOtherTypesGiveTheSameOutputAndGradients(CNN2DFormat format) {
        MultiLayerNetwork mine =
                net(base(DataType.DOUBLE, new NoOp()), pointwise(Activation.ELU, 4), format, 4, 5);
        mine.initGradientsView();
        org.deeplearning4j.nn.api.Layer layer = mine.getLayer(1);
        Nd4j.getRandom().setSeed(3);
        INDArray x = features(format, 3, 4, 5, DataType.DOUBLE);
        INDArray eps = Nd4j.rand(DataType.DOUBLE, layer.activate(x, true, ws()).shape());
        INDArray expectedOut = layer.activate(x.dup(), true, ws()).dup();
        Map<String, INDArray> expectedGrad = grads(layer, eps);
        INDArray expectedIn = layer.backpropGradient(eps, ws()).getSecond().dup();

        // f-ordered copy
        checkSame(layer, x.dup('f'), eps, expectedOut, expectedGrad, expectedIn, "f-order");
        // permuted view of a differently laid out array
        INDArray permuted = x.permute(0, 2, 3, 1).dup('c').permute(0, 3, 1, 2);
        checkSame(layer, permuted, eps, expectedOut, expectedGrad, expectedIn, "permuted view");
        // non-contiguous subarray (every other example of a larger batch)
        int channelAxis = format == CNN2DFormat.NHWC ? 3 : 1;
        INDArray big = Nd4j.concat(channelAxis, x, x.mul(7));
        org.nd4j.linalg.indexing.INDArrayIndex[] idx = {
            org.nd4j.linalg.indexing.NDArrayIndex.all(),
            org.nd4j.linalg.indexing.NDArrayIndex.all(),
            org.nd4j.linalg.indexing.NDArrayIndex.all(),
            org.nd4j.linalg.indexing.NDArrayIndex.all()
        };
        idx[channelAxis] = org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 3);
        INDArray sub = big.get(idx);
        checkSame(layer, sub, eps, expectedOut, expectedGrad, expectedIn, "non-contiguous view");
        INDArray offset =
                Nd4j.concat(0, x.mul(7), x)
                        .get(
                                org.nd4j.linalg.indexing.NDArrayIndex.interval(3, 6),
                                org.nd4j.linalg.indexing.NDArrayIndex.all(),
                                org.nd4j.linalg.indexing.NDArrayIndex.all(),
                                org.nd4j.linalg.indexing.NDArrayIndex.all());
        checkSame(layer, offset, eps, expectedOut, expectedGrad, expectedIn, "offset view");
        // float input into a double network
        INDArray fl = x.castTo(DataType.FLOAT);
        INDArray outF = layer.activate(fl, true, ws());
        assertThat(outF.castTo(DataType.DOUBLE).equalsWithEps(expectedOut, 1e-5))
                .as("float input")
                .isTrue();
        // f-ordered epsilon
        layer.activate(x.dup(), true, ws());
        INDArray inGrad = layer.backpropGradient(eps.dup('f'), ws()).getSecond();
        assertThat(inGrad.equalsWithEps(expectedIn, 1e-10)).as("f-ordered epsilon").isTrue();
    }

    private static LayerWorkspaceMgr ws() {
        return LayerWorkspaceMgr.noWorkspaces();
    }

    private static Map<String, INDArray> grads(
            org.deeplearning4j.nn.api.Layer layer, INDArray eps) {
        Gradient g = layer.backpropGradient(eps, ws()).getFirst();
        Map<String, INDArray> copy = new java.util.HashMap<>();
        g.gradientForVariable().forEach((k, v) -> copy.put(k, v.dup()));
        return copy;
    }

    private static void checkSame(
            org.deeplearning4j.nn.api.Layer layer,
            INDArray x,
            INDArray eps,
            INDArray expectedOut,
            Map<String, INDArray> expectedGrad,
            INDArray expectedIn,
            String what) {
        INDArray out = layer.activate(x, true, ws());
        assertThat(out.equalsWithEps(expectedOut, 1e-10)).as(what + " output").isTrue();
        var pair = layer.backpropGradient(eps, ws());
        for (var e : expectedGrad.entrySet()) {
            assertThat(
                            pair.getFirst()
                                    .getGradientFor(e.getKey())
                                    .equalsWithEps(e.getValue(), 1e-10))
                    .as(what + " grad " + e.getKey())
                    .isTrue();
        }
        assertThat(pair.getSecond().equalsWithEps(expectedIn, 1e-10))
                .as(what + " input gradient")
                .isTrue();
    }

    // ---------------------------------------------------------------- wrong input

    @Test
    void emptyBatchIsRejectedClearly() {
        MultiLayerNetwork mine =
                net(
                        base(DataType.DOUBLE, new Sgd(0.1)),
                        pointwise(Activation.RELU, 4),
                        CNN2DFormat.NCHW,
                        4,
                        5);
        assertThatThrownBy(
                        () ->
                                mine.getLayer(1)
                                        .activate(
                                                Nd4j.create(DataType.DOUBLE, 0, 3, 4, 5),
                                                false,
                                                ws()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void nhwcInputIntoNchwLayerIsRejected() {
        MultiLayerNetwork mine =
                net(
                        base(DataType.DOUBLE, new Sgd(0.1)),
                        pointwise(Activation.RELU, 4),
                        CNN2DFormat.NCHW,
                        4,
                        5);
        assertThatThrownBy(
                        () ->
                                mine.getLayer(1)
                                        .activate(
                                                Nd4j.rand(DataType.DOUBLE, 2, 4, 5, 3),
                                                false,
                                                ws()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, 4, 5, 3]")
                .hasMessageContaining("NCHW");
    }

    @Test
    void rank2InputIsRejected() {
        MultiLayerNetwork mine =
                net(
                        base(DataType.DOUBLE, new Sgd(0.1)),
                        pointwise(Activation.RELU, 4),
                        CNN2DFormat.NCHW,
                        4,
                        5);
        assertThatThrownBy(
                        () ->
                                mine.getLayer(1)
                                        .activate(Nd4j.rand(DataType.DOUBLE, 2, 3), false, ws()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, 3]");
    }

    @Test
    void convolutionalFlatInputTypeNamesThePreprocessor() {
        // DL4J's ConvolutionLayer adds a FeedForwardToCnnPreProcessor for convolutionalFlat.
        Throwable t =
                org.assertj.core.api.Assertions.catchThrowable(
                        () ->
                                base(DataType.DOUBLE, new Sgd(0.1))
                                        .list()
                                        .layer(pointwise(Activation.RELU, 4))
                                        .layer(
                                                new GlobalPoolingLayer.Builder(PoolingType.AVG)
                                                        .build())
                                        .layer(output())
                                        .setInputType(InputType.convolutionalFlat(4, 5, 3))
                                        .build());
        assertThat(t).isNotNull();
        assertThat(t.getMessage())
                .contains("InputType.convolutional(height, width, channels)")
                .contains("FeedForwardToCnnPreProcessor");
    }

    @Test
    void worksWithAPreprocessorBeforeAndNInByHand() {
        MultiLayerConfiguration conf =
                base(DataType.DOUBLE, new NoOp())
                        .list()
                        .layer(
                                new PointwiseConvolutionLayer.Builder()
                                        .nIn(3)
                                        .nOut(4)
                                        .activation(Activation.TANH)
                                        .build())
                        .inputPreProcessor(0, new FeedForwardToCnnPreProcessor(4, 5, 3))
                        .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                        .layer(
                                new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                                        .nIn(4)
                                        .nOut(2)
                                        .activation(Activation.IDENTITY)
                                        .build())
                        .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 60);
        DataSet d = new DataSet(x, Nd4j.rand(DataType.DOUBLE, 2, 2));
        net.fit(d);
        assertThat(net.output(x).shape()).containsExactly(2, 2);
        assertThat(GradientChecks.passes(net, x, d.getLabels())).isTrue();
    }

    @Test
    void nhwcByHandWithoutInputType() {
        MultiLayerConfiguration conf =
                base(DataType.DOUBLE, new Sgd(0.1))
                        .list()
                        .layer(
                                new PointwiseConvolutionLayer.Builder()
                                        .nIn(3)
                                        .nOut(4)
                                        .dataFormat(CNN2DFormat.NHWC)
                                        .activation(Activation.SIGMOID)
                                        .build())
                        .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                        .layer(
                                new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                                        .nIn(4)
                                        .nOut(2)
                                        .activation(Activation.IDENTITY)
                                        .build())
                        .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 4, 5, 3);
        INDArray out = net.output(x);
        assertThat(out.shape()).containsExactly(2, 2);
    }

    // ---------------------------------------------------------------- training

    static MultiLayerNetwork trainingNet(
            WorkspaceMode mode, IUpdater updater, Layer middle, CNN2DFormat format, DataType type) {
        NeuralNetConfiguration.Builder b =
                base(type, updater).trainingWorkspaceMode(mode).inferenceWorkspaceMode(mode);
        return net(b, middle, format, 4, 5);
    }

    static Stream<Arguments> training() {
        return Stream.of(CNN2DFormat.NCHW, CNN2DFormat.NHWC)
                .flatMap(
                        f ->
                                Stream.of(Activation.RELU, Activation.IDENTITY, Activation.ELU)
                                        .flatMap(
                                                a ->
                                                        Stream.<IUpdater>of(
                                                                        new Sgd(0.05),
                                                                        new Adam(0.01),
                                                                        new Nesterovs(0.01, 0.9),
                                                                        new RmsProp(0.01))
                                                                .map(u -> Arguments.of(f, a, u))));
    }

    /** Training with ENABLED and NONE workspaces, varying batch sizes, matches 1x1 conv. */
    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("training")
    void trainingMatchesOneByOneConvolutionWithAndWithoutWorkspaces(
            CNN2DFormat format, Activation activation, IUpdater updater) {
        MultiLayerNetwork ws =
                trainingNet(
                        WorkspaceMode.ENABLED,
                        updater.clone(),
                        pointwise(activation, 4),
                        format,
                        DataType.DOUBLE);
        MultiLayerNetwork none =
                trainingNet(
                        WorkspaceMode.NONE,
                        updater.clone(),
                        pointwise(activation, 4),
                        format,
                        DataType.DOUBLE);
        MultiLayerNetwork ref =
                trainingNet(
                        WorkspaceMode.ENABLED,
                        updater.clone(),
                        oneByOne(activation, 4, format),
                        format,
                        DataType.DOUBLE);
        none.setParams(ws.params().dup());
        copy(ws, ref);
        int[] batches = {3, 1, 5, 2, 3, 7};
        for (int i = 0; i < batches.length; i++) {
            DataSet d = data(format, batches[i], 4, 5);
            d.setFeatures(d.getFeatures().addi(i * 0.1));
            ws.fit(d);
            none.fit(d);
            ref.fit(d);
            // interleave an inference call and a train-mode feedForward with another size
            DataSet other = data(format, batches[(i + 1) % batches.length] + 1, 4, 5);
            ws.output(other.getFeatures());
            ws.feedForward(other.getFeatures(), true);
        }
        DataSet probe = data(format, 4, 4, 5);
        INDArray a = ws.output(probe.getFeatures());
        INDArray b = none.output(probe.getFeatures());
        INDArray c = ref.output(probe.getFeatures());
        assertThat(a.equalsWithEps(b, 1e-9)).as("ENABLED vs NONE\n" + a + "\n" + b).isTrue();
        assertThat(a.equalsWithEps(c, 1e-8)).as("vs 1x1 conv\n" + a + "\n" + c).isTrue();
    }

    @ParameterizedTest
    @MethodSource("formats")
    void l1AndL2MatchOneByOneConvolution(CNN2DFormat format) {
        NeuralNetConfiguration.Builder b1 = base(DataType.DOUBLE, new Sgd(0.1)).l2(0.3).l1(0.05);
        NeuralNetConfiguration.Builder b2 = base(DataType.DOUBLE, new Sgd(0.1)).l2(0.3).l1(0.05);
        MultiLayerNetwork mine = net(b1, pointwise(Activation.TANH, 4), format, 4, 5);
        MultiLayerNetwork ref = net(b2, oneByOne(Activation.TANH, 4, format), format, 4, 5);
        copy(mine, ref);
        DataSet d = data(format, 3, 4, 5);
        double mineScore = mine.score(d);
        double refScore = ref.score(d);
        mine.fit(d);
        ref.fit(d);
        INDArray w = ref.getLayer(1).getParam("W");
        assertThat(
                        mine.getLayer(1)
                                .getParam("W")
                                .equalsWithEps(w.reshape(w.size(0), w.size(1)).transpose(), 1e-10))
                .isTrue();
        assertThat(
                        mine.getLayer(1)
                                .getParam("b")
                                .reshape(-1)
                                .equalsWithEps(ref.getLayer(1).getParam("b").reshape(-1), 1e-10))
                .isTrue();
        // The updates above include the penalty; the reported score must include it too.
        assertThat(mineScore)
                .as("score with l1/l2 (the penalty of the pointwise layer is missing)")
                .isCloseTo(refScore, org.assertj.core.data.Offset.offset(1e-10));
    }

    @ParameterizedTest
    @MethodSource("formats")
    void perLayerL2AndUpdaterAreUsed(CNN2DFormat format) {
        Layer mineLayer =
                new PointwiseConvolutionLayer.Builder()
                        .nOut(4)
                        .activation(Activation.TANH)
                        .l2(0.5)
                        .updater(new Sgd(0.3))
                        .build();

        Layer refLayer =
                new ConvolutionLayer.Builder(1, 1)
                        .nOut(4)
                        .activation(Activation.TANH)
                        .dataFormat(format)
                        .l2(0.5)
                        .updater(new Sgd(0.3))
                        .build();

        MultiLayerNetwork mine = net(base(DataType.DOUBLE, new Sgd(0.1)), mineLayer, format, 4, 5);

        MultiLayerNetwork ref = net(base(DataType.DOUBLE, new Sgd(0.1)), refLayer, format, 4, 5);

        copy(mine, ref);

        DataSet d = data(format, 3, 4, 5);

        double mineScore = mine.score(d);

        double refScore = ref.score(d);

        mine.fit(d);

        ref.fit(d);

        INDArray w = ref.getLayer(1).getParam("W");

        assertThat(
                        mine.getLayer(1)
                                .getParam("W")
                                .equalsWithEps(w.reshape(w.size(0), w.size(1)).transpose(), 1e-10))
                .isTrue();
        // The updates above include the penalty; the reported score must include it too.
        assertThat(mineScore)
                .as("score with l1/l2 (the penalty of the pointwise layer is missing)")
                .isCloseTo(refScore, org.assertj.core.data.Offset.offset(1e-10));
    }

    @Test
    void dropoutOnlyInTraining() {
        Layer layer =
                new PointwiseConvolutionLayer.Builder()
                        .nOut(4)
                        .activation(Activation.RELU)
                        .dropOut(0.5)
                        .build();
        for (WorkspaceMode mode : WorkspaceMode.values()) {
            if (mode == WorkspaceMode.SEPARATE || mode == WorkspaceMode.SINGLE) {
                continue;
            }
            MultiLayerNetwork net =
                    trainingNet(
                            mode, new Adam(0.01), layer.clone(), CNN2DFormat.NHWC, DataType.DOUBLE);
            DataSet d = data(CNN2DFormat.NHWC, 3, 4, 5);
            INDArray a = net.output(d.getFeatures());
            INDArray b = net.output(d.getFeatures());
            assertThat(a).isEqualTo(b);
            INDArray t1 = net.feedForward(d.getFeatures(), true).get(2);
            INDArray t2 = net.output(d.getFeatures(), false);
            assertThat(t1.equalsWithEps(net.feedForward(d.getFeatures(), false).get(2), 1e-12))
                    .as("dropout should change train-mode activations")
                    .isFalse();
            for (int i = 0; i < 5; i++) {
                net.fit(d);
            }
            assertThat(net.params().isNaN().any()).isFalse();
            assertThat(t2).isNotNull();
        }
    }

    @Test
    void floatAndHalfNetworksTrain() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.HALF}) {
            for (CNN2DFormat f : CNN2DFormat.values()) {
                MultiLayerNetwork mine =
                        trainingNet(
                                WorkspaceMode.ENABLED,
                                new Sgd(0.05),
                                pointwise(Activation.RELU, 4),
                                f,
                                type);
                MultiLayerNetwork ref =
                        trainingNet(
                                WorkspaceMode.ENABLED,
                                new Sgd(0.05),
                                oneByOne(Activation.RELU, 4, f),
                                f,
                                type);
                copy(mine, ref);
                DataSet d = data(f, 3, 4, 5);
                DataSet typed =
                        new DataSet(d.getFeatures().castTo(type), d.getLabels().castTo(type));
                INDArray a = mine.output(typed.getFeatures());
                INDArray c = ref.output(typed.getFeatures());
                assertThat(a.dataType()).isEqualTo(type);
                assertThat(
                                a.castTo(DataType.DOUBLE)
                                        .equalsWithEps(
                                                c.castTo(DataType.DOUBLE),
                                                type == DataType.HALF ? 2e-2 : 1e-5))
                        .as(type + " " + f + "\n" + a + "\n" + c)
                        .isTrue();
                mine.fit(typed);
                ref.fit(typed);
                INDArray w = ref.getLayer(1).getParam("W");
                assertThat(
                                mine.getLayer(1)
                                        .getParam("W")
                                        .castTo(DataType.DOUBLE)
                                        .equalsWithEps(
                                                w.reshape(w.size(0), w.size(1))
                                                        .transpose()
                                                        .castTo(DataType.DOUBLE),
                                                type == DataType.HALF ? 2e-2 : 1e-5))
                        .as(type + " " + f + " W after fit")
                        .isTrue();
            }
        }
    }

    // ---------------------------------------------------------------- graph

    @ParameterizedTest
    @MethodSource("formats")
    void computationGraphMatchesMultiLayerNetwork(CNN2DFormat format) {
        ComputationGraphConfiguration conf =
                base(DataType.DOUBLE, new NoOp())
                        .graphBuilder()
                        .addInputs("in")
                        .addLayer("c", conv(format), "in")
                        .addLayer("p", pointwise(Activation.SOFTPLUS, 4), "c")
                        .addLayer("q", pointwise(Activation.LEAKYRELU, 4), "c")
                        .addVertex(
                                "m",
                                new org.deeplearning4j.nn.conf.graph.ElementWiseVertex(
                                        org.deeplearning4j.nn.conf.graph.ElementWiseVertex.Op.Add),
                                "p",
                                "q")
                        .addLayer("g", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "m")
                        .addLayer("o", output(), "g")
                        .setOutputs("o")
                        .setInputTypes(InputType.convolutional(4, 5, 3, format))
                        .build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        DataSet d = data(format, 3, 4, 5);
        assertThat(GradientChecks.passes(g, d.getFeatures(), d.getLabels())).isTrue();
        ComputationGraph restored =
                new ComputationGraph(ComputationGraphConfiguration.fromJson(conf.toJson()));
        restored.init(g.params().dup(), true);
        assertThat(
                        restored.outputSingle(d.getFeatures())
                                .equalsWithEps(g.outputSingle(d.getFeatures()), 1e-12))
                .isTrue();
    }

    // ---------------------------------------------------------------- serialisation etc.

    @TempDir Path dir;

    @ParameterizedTest
    @MethodSource("formats")
    void roundTripsCloneSummaryAndMemoryReport(CNN2DFormat format) throws Exception {
        Layer layer =
                new PointwiseConvolutionLayer.Builder()
                        .nOut(4)
                        .activation(Activation.LEAKYRELU)
                        .biasInit(0.25)
                        .weightInit(
                                new org.deeplearning4j.nn.weights.WeightInitDistribution(
                                        new org.deeplearning4j.nn.conf.distribution
                                                .UniformDistribution(-0.1, 0.1)))
                        .l2(0.01)
                        .build();
        MultiLayerNetwork net =
                trainingNet(WorkspaceMode.ENABLED, new Adam(0.01), layer, format, DataType.DOUBLE);
        DataSet d = data(format, 3, 4, 5);
        net.fit(d);
        INDArray expected = net.output(d.getFeatures());
        assertThat(net.getLayer(1).getParam("b").minNumber().doubleValue()).isGreaterThan(0.2);

        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        MultiLayerConfiguration fromJson = MultiLayerConfiguration.fromJson(conf.toJson());
        MultiLayerConfiguration fromYaml = MultiLayerConfiguration.fromYaml(conf.toYaml());
        for (MultiLayerConfiguration c : List.of(fromJson, fromYaml, conf.clone())) {
            PointwiseConvolutionLayer l = (PointwiseConvolutionLayer) c.getConf(1).getLayer();
            assertThat(l.toString()).isEqualTo(conf.getConf(1).getLayer().toString());
            assertThat(l.getBiasInit()).isEqualTo(0.25);
            assertThat(l.getWeightInitFn())
                    .isEqualTo(
                            ((PointwiseConvolutionLayer) conf.getConf(1).getLayer())
                                    .getWeightInitFn());
            assertThat(l.getRegularization()).isNotEmpty();
            MultiLayerNetwork copy = new MultiLayerNetwork(c);
            copy.init(net.params().dup(), true);
            assertThat(copy.output(d.getFeatures()).equalsWithEps(expected, 1e-12)).isTrue();
            copy.fit(d); // trains after the round trip
        }
        File file = dir.resolve("net-" + format + ".zip").toFile();
        ModelSerializer.writeModel(net, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
        assertThat(restored.output(d.getFeatures()).equalsWithEps(expected, 1e-12)).isTrue();
        restored.fit(d);
        net.fit(d);
        assertThat(restored.params().equalsWithEps(net.params(), 1e-10))
                .as("updater state restored")
                .isTrue();

        MultiLayerNetwork cloned = net.clone();
        assertThat(cloned.output(d.getFeatures()).equalsWithEps(net.output(d.getFeatures()), 1e-12))
                .isTrue();
        cloned.fit(d);

        String summary = net.summary(InputType.convolutional(4, 5, 3, format));
        assertThat(conf.getMemoryReport(InputType.convolutional(4, 5, 3, format)).toString())
                .isNotEmpty();
        assertThat(net.getLayer(1).toString()).isNotEmpty();
        assertThat(conf.getConf(1).getLayer().toString()).contains("nIn=3").contains("nOut=4");
        assertThat(summary).contains("layer1");
    }

    // ---------------------------------------------------------------- builder misuse

    @Test
    void builderMisuseMessagesNameTheValue() {
        assertThatThrownBy(() -> new PointwiseConvolutionLayer.Builder().nIn(-2))
                .hasMessageContaining("nIn")
                .hasMessageContaining("-2");

        assertThatThrownBy(() -> new PointwiseConvolutionLayer.Builder().nOut(-1))
                .hasMessageContaining("nOut")
                .hasMessageContaining("-1");

        assertThatThrownBy(() -> new PointwiseConvolutionLayer.Builder().dataFormat(null))
                .hasMessageContaining("NHWC");

        assertThatThrownBy(
                        () ->
                                new PointwiseConvolutionLayer.Builder()
                                        .weightInit(
                                                (org.deeplearning4j.nn.weights.IWeightInit) null))
                .hasMessageContaining("weightInit");

        assertThatThrownBy(
                        () ->
                                new PointwiseConvolutionLayer.Builder()
                                        .weightInit(
                                                org.deeplearning4j.nn.weights.WeightInit
                                                        .DISTRIBUTION))
                .hasMessageContaining("DISTRIBUTION");

        PointwiseConvolutionLayer layer = new PointwiseConvolutionLayer.Builder().nOut(2).build();

        assertThatThrownBy(() -> layer.setNIn(-1))
                .hasMessageContaining("nIn")
                .hasMessageContaining("-1");

        assertThatThrownBy(() -> layer.setNOut(0)).hasMessageContaining("nOut");

        assertThatThrownBy(() -> layer.setActivation(null)).hasMessageContaining("activation");

        assertThatThrownBy(() -> layer.setDataFormat(null)).hasMessageContaining("dataFormat");
        // no input type and no nIn: network init must name nIn and the fix
        assertThatThrownBy(
                        () -> {
                            MultiLayerNetwork n =
                                    new MultiLayerNetwork(
                                            base(DataType.DOUBLE, new Sgd(0.1))
                                                    .list()
                                                    .layer(
                                                            new PointwiseConvolutionLayer.Builder()
                                                                    .nOut(2)
                                                                    .build())
                                                    .layer(
                                                            new GlobalPoolingLayer.Builder(
                                                                            PoolingType.AVG)
                                                                    .build())
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
    void perParameterWeightInitIsNotSilentlyIgnored() {
        // SameDiffLayer.Builder offers weightInit(String param, IWeightInit).
        PointwiseConvolutionLayer.Builder b = new PointwiseConvolutionLayer.Builder().nOut(4);
        b.weightInit("W", new org.deeplearning4j.nn.weights.WeightInitConstant(0.5));
        MultiLayerNetwork net =
                net(base(DataType.DOUBLE, new Sgd(0.1)), b.build(), CNN2DFormat.NCHW, 4, 5);
        INDArray w = net.getLayer(1).getParam("W");
        assertThat(w.minNumber().doubleValue())
                .as("weightInit(\"W\", constant 0.5) on the builder was ignored: " + w)
                .isEqualTo(0.5);
    }
}

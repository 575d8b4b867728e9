package io.github.coordconv.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.Convolution3D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * JSON and YAML configuration round trips and ModelSerializer save/restore of every layer, compared
 * by the outputs on random input rather than by {@code equals}, which ignores the fields of layer
 * subclasses.
 */
class SerializationTest {

    private static final double TOLERANCE = 1e-6;

    /** A network holding one of the layers with non-default options, and an input for it. */
    record Case(String name, MultiLayerConfiguration conf, long[] inputShape) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        return List.of(
                new Case(
                        "AddCoords NHWC [0,1] radius",
                        AddCoordsGradientTest.base()
                                .dataType(DataType.FLOAT)
                                .list()
                                .layer(
                                        new AddCoords.Builder()
                                                .range(CoordinateRange.ZERO_TO_ONE)
                                                .withRadius(true)
                                                .build())
                                .layer(LayerGradientTest.conv2d(3, CNN2DFormat.NHWC))
                                .setInputType(InputType.convolutional(4, 6, 2, CNN2DFormat.NHWC))
                                .build(),
                        new long[] {3, 4, 6, 2}),
                new Case(
                        "AddCoords1D NWC radius",
                        AddCoordsGradientTest.base()
                                .dataType(DataType.FLOAT)
                                .list()
                                .layer(new AddCoords1D.Builder().withRadius(true).build())
                                .layer(
                                        new Convolution1DLayer.Builder()
                                                .kernelSize(1)
                                                .nOut(3)
                                                .rnnDataFormat(RNNFormat.NWC)
                                                .build())
                                .setInputType(InputType.recurrent(2, 7, RNNFormat.NWC))
                                .build(),
                        new long[] {3, 7, 2}),
                new Case(
                        "AddCoords3D NDHWC [0,1]",
                        AddCoordsGradientTest.base()
                                .dataType(DataType.FLOAT)
                                .list()
                                .layer(
                                        new AddCoords3D.Builder()
                                                .range(CoordinateRange.ZERO_TO_ONE)
                                                .build())
                                .layer(
                                        new Convolution3D.Builder()
                                                .kernelSize(1, 1, 1)
                                                .nOut(3)
                                                .dataFormat(Convolution3D.DataFormat.NDHWC)
                                                .build())
                                .setInputType(
                                        InputType.convolutional3D(
                                                Convolution3D.DataFormat.NDHWC, 2, 3, 4, 2))
                                .build(),
                        new long[] {3, 2, 3, 4, 2}),
                new Case(
                        "TileLayer interleaved NHWC",
                        AddCoordsGradientTest.base()
                                .dataType(DataType.FLOAT)
                                .list()
                                .layer(
                                        new TileLayer.Builder()
                                                .height(5)
                                                .width(3)
                                                .style(TileStyle.INTERLEAVED)
                                                .dataFormat(CNN2DFormat.NHWC)
                                                .build())
                                .layer(LayerGradientTest.conv2d(3, CNN2DFormat.NHWC))
                                .setInputType(InputType.feedForward(2))
                                .build(),
                        new long[] {3, 2}),
                new Case(
                        "PointwiseConvolutionLayer NHWC relu",
                        AddCoordsGradientTest.base()
                                .dataType(DataType.FLOAT)
                                .list()
                                .layer(
                                        new PointwiseConvolutionLayer.Builder()
                                                .nOut(4)
                                                .activation(Activation.RELU)
                                                .weightInit(WeightInit.RELU)
                                                .biasInit(0.1)
                                                .l2(1e-3)
                                                .build())
                                .layer(LayerGradientTest.conv2d(3, CNN2DFormat.NHWC))
                                .setInputType(InputType.convolutional(4, 5, 3, CNN2DFormat.NHWC))
                                .build(),
                        new long[] {3, 4, 5, 3}),
                new Case(
                        "TiledCoordConvLayer NHWC [0,1] radius",
                        AddCoordsGradientTest.base()
                                .dataType(DataType.FLOAT)
                                .list()
                                .layer(
                                        new TiledCoordConvLayer.Builder()
                                                .nOut(4)
                                                .height(5)
                                                .width(3)
                                                .range(CoordinateRange.ZERO_TO_ONE)
                                                .withRadius(true)
                                                .activation(Activation.TANH)
                                                .biasInit(0.2)
                                                .dataFormat(CNN2DFormat.NHWC)
                                                .build())
                                .layer(LayerGradientTest.conv2d(3, CNN2DFormat.NHWC))
                                .setInputType(InputType.feedForward(2))
                                .build(),
                        new long[] {3, 2}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void jsonRoundTripKeepsOutputs(Case c) {
        assertRoundTrip(c, json -> MultiLayerConfiguration.fromJson(json.toJson()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void yamlRoundTripKeepsOutputs(Case c) {
        assertRoundTrip(c, conf -> MultiLayerConfiguration.fromYaml(conf.toYaml()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void jsonRoundTripIsStable(Case c) {
        String json = c.conf().toJson();

        String again = MultiLayerConfiguration.fromJson(json).toJson();

        assertThat(again).isEqualTo(json);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void modelSerializerKeepsOutputs(Case c, @TempDir Path dir) throws Exception {
        MultiLayerNetwork net = new MultiLayerNetwork(c.conf());
        net.init();
        INDArray input = input(c.inputShape());
        INDArray expected = net.output(input);
        File file = dir.resolve("model.zip").toFile();

        ModelSerializer.writeModel(net, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);

        assertThat(restored.output(input).equalsWithEps(expected, TOLERANCE)).isTrue();
    }

    @Test
    void graphSerializerKeepsOutputs(@TempDir Path dir) throws Exception {
        ComputationGraphConfiguration.GraphBuilder builder =
                AddCoordsGradientTest.base()
                        .dataType(DataType.FLOAT)
                        .graphBuilder()
                        .addInputs("xy")
                        .addLayer(
                                "dense",
                                new DenseLayer.Builder()
                                        .nOut(2)
                                        .activation(Activation.TANH)
                                        .build(),
                                "xy")
                        .addLayer(
                                "tile",
                                new TileLayer.Builder().height(4).width(5).build(),
                                "dense");
        CoordConv.addLayers(
                builder,
                "coordconv",
                new AddCoords.Builder().withRadius(true).build(),
                LayerGradientTest.conv2d(3, CNN2DFormat.NCHW),
                "tile");
        builder.addLayer(
                        "pool",
                        new GlobalPoolingLayer.Builder(PoolingType.MAX).build(),
                        "coordconv")
                .setOutputs("pool")
                .setInputTypes(InputType.feedForward(3));
        ComputationGraphConfiguration conf = builder.build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        INDArray input = input(new long[] {3, 3});
        INDArray expected = net.outputSingle(input);
        File file = dir.resolve("graph.zip").toFile();

        ModelSerializer.writeModel(net, file, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(file, true);
        ComputationGraph fromJson =
                new ComputationGraph(ComputationGraphConfiguration.fromJson(conf.toJson()));
        fromJson.init(net.params().dup(), true);
        ComputationGraph fromYaml =
                new ComputationGraph(ComputationGraphConfiguration.fromYaml(conf.toYaml()));
        fromYaml.init(net.params().dup(), true);

        assertThat(restored.outputSingle(input).equalsWithEps(expected, TOLERANCE)).isTrue();
        assertThat(fromJson.outputSingle(input).equalsWithEps(expected, TOLERANCE)).isTrue();
        assertThat(fromYaml.outputSingle(input).equalsWithEps(expected, TOLERANCE)).isTrue();
    }

    @Test
    void unknownDataFormatInJsonRejected() {
        String json = addCoordsJson();
        String edited = json.replace("\"dataFormat\" : \"NCHW\"", "\"dataFormat\" : \"NCWH\"");
        assertThat(edited).isNotEqualTo(json);

        Throwable thrown = catchThrowable(() -> MultiLayerConfiguration.fromJson(edited));

        assertThat(thrown).hasMessageContaining("dataFormat must be NCHW or NHWC, but was null");
    }

    @Test
    void nullRangeInJsonRejected() {
        String json = addCoordsJson();
        String edited = json.replace("\"MINUS_ONE_TO_ONE\"", "null");
        assertThat(edited).isNotEqualTo(json);

        Throwable thrown = catchThrowable(() -> MultiLayerConfiguration.fromJson(edited));

        assertThat(thrown).hasMessageContaining("range must be");
    }

    @Test
    void negativeHeightInJsonRejected() {
        String json = addCoordsJson();
        String edited = json.replace("\"height\" : 3", "\"height\" : -3");
        assertThat(edited).isNotEqualTo(json);

        Throwable thrown = catchThrowable(() -> MultiLayerConfiguration.fromJson(edited));

        assertThat(thrown).hasMessageContaining("height must be at least 1");
        assertThat(thrown).hasMessageContaining("-3");
    }

    @Test
    void zeroTileWidthInYamlRejected() {
        String yaml =
                new NeuralNetConfiguration.Builder()
                        .list()
                        .layer(new TileLayer.Builder().height(2).width(4).build())
                        .setInputType(InputType.feedForward(3))
                        .build()
                        .toYaml();
        String edited = yaml.replace("width: 4", "width: 0");
        assertThat(edited).isNotEqualTo(yaml);

        Throwable thrown = catchThrowable(() -> MultiLayerConfiguration.fromYaml(edited));

        assertThat(thrown).hasMessageContaining("width must be at least 1, but was 0");
    }

    @Test
    void editedNOutSetsShapes() {
        String json =
                new NeuralNetConfiguration.Builder()
                        .list()
                        .layer(new PointwiseConvolutionLayer.Builder().nOut(5).build())
                        .setInputType(InputType.convolutional(3, 4, 2, CNN2DFormat.NHWC))
                        .build()
                        .toJson();
        String edited = json.replace("\"nout\" : 5", "\"nout\" : 6");
        assertThat(edited).isNotEqualTo(json);
        assertThat(edited).contains("\"layerParams\"");

        MultiLayerNetwork net = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(edited));
        net.init();

        assertThat(net.getParam("0_W").shape()).containsExactly(2, 6);
        assertThat(net.output(Nd4j.rand(DataType.FLOAT, 1, 3, 4, 2)).shape())
                .containsExactly(1, 3, 4, 6);
    }

    @Test
    void editedRadiusSetsShapes() {
        String json =
                new NeuralNetConfiguration.Builder()
                        .list()
                        .layer(
                                new TiledCoordConvLayer.Builder()
                                        .height(5)
                                        .width(7)
                                        .nOut(4)
                                        .withRadius(true)
                                        .build())
                        .setInputType(InputType.feedForward(2))
                        .build()
                        .toJson();
        String edited = json.replace("\"withRadius\" : true", "\"withRadius\" : false");
        assertThat(edited).isNotEqualTo(json);

        MultiLayerNetwork net = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(edited));
        net.init();

        // Two tiled inputs and two coordinate channels, without the radius channel.
        assertThat(net.getParam("0_W").shape()).containsExactly(4, 4);
        assertThat(net.output(Nd4j.rand(DataType.FLOAT, 3, 2)).shape()).containsExactly(3, 4, 5, 7);
    }

    /** Returns the JSON of a network with one AddCoords layer on 3 x 5 maps in NCHW. */
    private static String addCoordsJson() {
        return new NeuralNetConfiguration.Builder()
                .list()
                .layer(new AddCoords.Builder().build())
                .setInputType(InputType.convolutional(3, 5, 1))
                .build()
                .toJson();
    }

    private static void assertRoundTrip(
            Case c, Function<MultiLayerConfiguration, MultiLayerConfiguration> roundTrip) {
        MultiLayerNetwork net = new MultiLayerNetwork(c.conf());
        net.init();
        INDArray input = input(c.inputShape());
        INDArray expected = net.output(input);

        MultiLayerNetwork copy = new MultiLayerNetwork(roundTrip.apply(c.conf()));
        copy.init(net.params().dup(), true);

        assertThat(copy.output(input).equalsWithEps(expected, TOLERANCE)).isTrue();
    }

    private static INDArray input(long[] shape) {
        Nd4j.getRandom().setSeed(99);
        return Nd4j.rand(DataType.FLOAT, shape);
    }
}

package io.github.coordconv.experiments.models;

import io.github.coordconv.layer.AddCoords;
import io.github.coordconv.layer.PointwiseConvolutionLayer;
import io.github.coordconv.layer.TileLayer;
import io.github.coordconv.layer.TiledCoordConvLayer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;

/** Layer builders shared by the model classes, so every model sets init, padding and L2 alike. */
final class GraphParts {

    /** Canvas size of Not-so-Clevr in pixels. */
    static final int CANVAS = 64;

    /** Batch-norm momentum 0.9 and epsilon 1e-5, as in the released code. */
    static final double BATCH_NORM_DECAY = 0.9;

    static final double BATCH_NORM_EPSILON = 1e-5;

    private GraphParts() {}

    /** Starts a graph with the seed, updater and data type of {@code settings}. */
    static GraphBuilder graph(GraphSettings settings) {
        return new NeuralNetConfiguration.Builder()
                .seed(settings.seed())
                .dataType(settings.dataType())
                .updater(settings.updater())
                .graphBuilder();
    }

    /**
     * Adds the coordinate input: vertex {@link ModelFactory#COORDINATES} of feed-forward size 2,
     * then a scale vertex when {@code network} scales it.
     *
     * @return the name of the vertex that carries the (scaled) coordinates
     */
    static String addCoordinateInput(GraphBuilder graph, NetworkSpec network) {
        graph.addInputs(ModelFactory.COORDINATES);
        if (network.coordinateScaling() == CoordinateScaling.RAW_PIXELS) {
            return ModelFactory.COORDINATES;
        }
        graph.addVertex(
                "scale",
                new ScaleVertex(network.coordinateScaling().factor()),
                ModelFactory.COORDINATES);
        return "scale";
    }

    /** Returns a 64x64 tile layer in the style of {@code network}. */
    static TileLayer tile(NetworkSpec network) {
        return tile(network, CNN2DFormat.NCHW);
    }

    static TileLayer tile(NetworkSpec network, CNN2DFormat format) {
        return new TileLayer.Builder()
                .height(CANVAS)
                .width(CANVAS)
                .style(network.tileStyle())
                .dataFormat(format)
                .build();
    }

    /** A 1x1 convolution computed as a matrix product over pixels, without im2col. */
    static PointwiseConvolutionLayer pointwise(
            NetworkSpec network, GraphSettings settings, int nOut, Activation activation) {
        return new PointwiseConvolutionLayer.Builder()
                .nOut(nOut)
                .activation(activation)
                .weightInit(network.weightInit())
                .l2(settings.dl4jL2Coefficient())
                .build();
    }

    /** Tile, AddCoords and a 1x1 convolution in one NHWC layer; see TiledCoordConvLayer. */
    static TiledCoordConvLayer tiledCoordConv(
            NetworkSpec network, GraphSettings settings, int nOut) {
        return new TiledCoordConvLayer.Builder()
                .nOut(nOut)
                .height(CANVAS)
                .width(CANVAS)
                .range(network.coordinateRange())
                .withRadius(network.withRadius())
                .activation(network.activation())
                .weightInit(network.weightInit())
                .l2(settings.dl4jL2Coefficient())
                .dataFormat(CNN2DFormat.NHWC)
                .build();
    }

    /** Returns an AddCoords layer with the range and radius option of {@code network}. */
    static AddCoords addCoords(NetworkSpec network) {
        return new AddCoords.Builder()
                .range(network.coordinateRange())
                .withRadius(network.withRadius())
                .build();
    }

    /** Returns a square convolution with the padding, init and L2 of the model. */
    static ConvolutionLayer conv(
            NetworkSpec network,
            GraphSettings settings,
            int kernel,
            int stride,
            int nOut,
            Activation activation) {
        return new ConvolutionLayer.Builder(kernel, kernel)
                .stride(stride, stride)
                .nOut(nOut)
                .convolutionMode(network.convolutionMode())
                .activation(activation)
                .weightInit(network.weightInit())
                .l2(settings.dl4jL2Coefficient())
                .build();
    }

    /**
     * Returns a stride-2 transposed convolution with identity activation.
     *
     * <p>He-normal ({@link WeightInit#RELU}) follows TensorFlow here: the fan-in of a transposed
     * convolution's kernel {@code (k, k, out, in)} is {@code out * k * k}, whereas DL4J's {@code
     * RELU} init would use {@code in * k * k}. Other initialisations are DL4J's.
     */
    static Deconvolution2D deconv(NetworkSpec network, GraphSettings settings, int nOut) {
        int kernel = network.filterSize();
        Deconvolution2D.Builder builder =
                new Deconvolution2D.Builder(kernel, kernel)
                        .stride(2, 2)
                        .nOut(nOut)
                        .convolutionMode(network.convolutionMode())
                        .activation(Activation.IDENTITY)
                        .l2(settings.dl4jL2Coefficient());
        if (network.weightInit() == WeightInit.RELU) {
            double fanIn = (double) nOut * kernel * kernel;
            builder.weightInit(new NormalDistribution(0, Math.sqrt(2.0 / fanIn)));
        } else {
            builder.weightInit(network.weightInit());
        }
        return builder.build();
    }

    /** Returns batch normalisation with the released momentum and epsilon. */
    static BatchNormalization batchNorm() {
        return new BatchNormalization.Builder()
                .decay(BATCH_NORM_DECAY)
                .eps(BATCH_NORM_EPSILON)
                .build();
    }

    /** Returns a parameter-free activation layer. */
    static ActivationLayer activation(Activation activation) {
        return new ActivationLayer.Builder().activation(activation).build();
    }
}

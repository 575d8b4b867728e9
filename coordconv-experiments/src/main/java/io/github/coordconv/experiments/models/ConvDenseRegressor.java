package io.github.coordconv.experiments.models;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Convolutional baseline of coordinate regression with max pooling and dense layers ({@code
 * big_conv} in the released {@code ConvRegressor}, which {@code train.py} uses on the uniform
 * split).
 *
 * <p>Input {@code image}: the one-hot image, {@code (batch, 1, 64, 64)} NCHW. Three blocks of a
 * {@code filterSize} convolution with 16 filters ('same' padding, ReLU) and 2x2 max pooling (64 to
 * 8 pixels), one more such convolution, a dense layer of 64 units with ReLU and a dense layer of 2
 * give the output {@code (batch, 2)}, predicted {@code (x/64, y/64)}, trained with mean squared
 * error. The dense layers use Glorot-uniform initialisation and no L2, as the released code's
 * {@code Dense} layers.
 *
 * <p>Parameters at the defaults: (1 * 16 * 9 + 16) + 3 * (16 * 16 * 9 + 16) + (1,024 * 64 + 64) +
 * (64 * 2 + 2) = 72,850, as the released model counts.
 */
public final class ConvDenseRegressor {

    private ConvDenseRegressor() {}

    /** Returns the graph configuration, input types set so every {@code nIn} is inferred. */
    public static ComputationGraphConfiguration configuration(
            NetworkSpec network, GraphSettings settings) {
        ModelFactory.validate(Task.REGRESSION, ModelType.CONV_DENSE, network);
        GraphBuilder graph = GraphParts.graph(settings).addInputs(ModelFactory.IMAGE);
        Activation activation = network.activation();
        int kernel = network.filterSize();
        String previous = ModelFactory.IMAGE;
        for (int i = 0; i < 4; i++) {
            String conv = "conv" + (i + 1);
            graph.addLayer(
                    conv,
                    GraphParts.conv(
                            network, settings, kernel, 1, network.scaledChannels(i), activation),
                    previous);
            previous = conv;
            if (i < 3) {
                String pool = "pool" + (i + 1);
                graph.addLayer(
                        pool,
                        new SubsamplingLayer.Builder(
                                        SubsamplingLayer.PoolingType.MAX,
                                        new int[] {2, 2},
                                        new int[] {2, 2})
                                .build(),
                        previous);
                previous = pool;
            }
        }
        graph.addLayer(
                "dense",
                new DenseLayer.Builder()
                        .nOut(network.channels().get(4))
                        .activation(activation)
                        .weightInit(WeightInit.XAVIER_UNIFORM)
                        .build(),
                previous);
        graph.addLayer(
                        ModelFactory.OUTPUT,
                        new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                                .nOut(2)
                                .activation(Activation.IDENTITY)
                                .weightInit(WeightInit.XAVIER_UNIFORM)
                                .build(),
                        "dense")
                .setOutputs(ModelFactory.OUTPUT)
                .setInputTypes(InputType.convolutional(64, 64, 1));
        return graph.build();
    }
}

package io.github.coordconv.experiments.handset;

import io.github.coordconv.experiments.data.Centre;
import io.github.coordconv.experiments.data.NotSoClevrData;
import io.github.coordconv.layer.AddCoords;
import io.github.coordconv.layer.CoordinateRange;
import io.github.coordconv.layer.TileLayer;
import io.github.coordconv.layer.TileStyle;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two-layer CoordConv network with hand-set weights that solves coordinate classification
 * without training (Liu et al., NeurIPS 2018).
 *
 * <p>The input {@code (x, y)} is tiled into two channels of a 64x64 map, and AddCoords in [0, 1]
 * appends the column coordinate {@code i} and the row coordinate {@code j}, giving the channels
 * {@code [x, y, i, j]}. Four 1x1 filters without bias, {@code [1, 0, -1, 0]}, {@code [-1, 0, 1,
 * 0]}, {@code [0, 1, 0, -1]} and {@code [0, -1, 0, 1]}, followed by ReLU, give {@code (x - i)+},
 * {@code (i - x)+}, {@code (y - j)+} and {@code (j - y)+}. One more 1x1 filter of -1s with bias 1
 * sums them into {@code 1 - (|x - i| + |y - j|)}: one minus the Manhattan distance to {@code (x,
 * y)}, largest at the target pixel. That is 16 + 5 = 21 numbers.
 *
 * <p>For the maximum to fall exactly on pixel {@code (x, y)}, the input is normalised like the
 * coordinate channels: pixel / 63 for [0, 1] over 64 pixels (see {@link #normalise}).
 */
public final class HandSetNetwork {

    private static final Logger log = LoggerFactory.getLogger(HandSetNetwork.class);

    /** Weights of the four distance filters over the channels {@code [x, y, i, j]}. */
    static final double[][] DISTANCE_FILTERS = {
        {1, 0, -1, 0},
        {-1, 0, 1, 0},
        {0, 1, 0, -1},
        {0, -1, 0, 1}
    };

    private static final int CANVAS = NotSoClevrData.CANVAS;

    private HandSetNetwork() {}

    /**
     * Builds the network with its hand-set weights.
     *
     * @return a graph with input {@code "xy"} of shape {@code (batch, 2)} holding normalised
     *     coordinates and output {@code "score"} of shape {@code (batch, 1, 64, 64)}
     */
    public static ComputationGraph build() {
        ComputationGraphConfiguration conf =
                new NeuralNetConfiguration.Builder()
                        .dataType(DataType.FLOAT)
                        .graphBuilder()
                        .addInputs("xy")
                        .addLayer(
                                "tile",
                                new TileLayer.Builder()
                                        .height(CANVAS)
                                        .width(CANVAS)
                                        .style(TileStyle.PER_CHANNEL)
                                        .build(),
                                "xy")
                        .addLayer(
                                "coords",
                                new AddCoords.Builder().range(CoordinateRange.ZERO_TO_ONE).build(),
                                "tile")
                        .addLayer(
                                "distance",
                                new ConvolutionLayer.Builder(1, 1)
                                        .nOut(4)
                                        .hasBias(false)
                                        .activation(Activation.RELU)
                                        .build(),
                                "coords")
                        .addLayer(
                                "score",
                                new ConvolutionLayer.Builder(1, 1)
                                        .nOut(1)
                                        .activation(Activation.IDENTITY)
                                        .build(),
                                "distance")
                        .setOutputs("score")
                        .setInputTypes(InputType.feedForward(2))
                        .build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();

        // Convolution weights have shape [nOut, nIn, kernelHeight, kernelWidth].
        INDArray distance = Nd4j.create(DISTANCE_FILTERS).castTo(DataType.FLOAT);
        net.getLayer("distance").setParam("W", distance.reshape(4, 4, 1, 1));
        net.getLayer("score").setParam("W", Nd4j.valueArrayOf(new long[] {1, 4, 1, 1}, -1f));
        net.getLayer("score").setParam("b", Nd4j.ones(DataType.FLOAT, 1, 1));
        return net;
    }

    /** Returns {@code (n, 2)} input rows {@code (x / 63, y / 63)} for the given centres. */
    public static INDArray normalise(List<Centre> centres) {
        float[] values = new float[centres.size() * 2];
        for (int k = 0; k < centres.size(); k++) {
            values[2 * k] = centres.get(k).x() / (float) (CANVAS - 1);
            values[2 * k + 1] = centres.get(k).y() / (float) (CANVAS - 1);
        }
        return Nd4j.create(values, new long[] {centres.size(), 2}, 'c');
    }

    /**
     * Counts the centres whose score map has its maximum on the target pixel, evaluating {@code
     * batchSize} centres at a time.
     */
    public static int countCorrect(ComputationGraph net, List<Centre> centres, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException(
                    "batchSize must be at least 1, but was " + batchSize);
        }
        int correct = 0;
        for (int start = 0; start < centres.size(); start += batchSize) {
            List<Centre> batch =
                    centres.subList(start, Math.min(centres.size(), start + batchSize));
            INDArray scores = net.outputSingle(normalise(batch)).reshape(batch.size(), -1);
            INDArray predicted = scores.argMax(1);
            for (int k = 0; k < batch.size(); k++) {
                if (predicted.getInt(k) == batch.get(k).pixelIndex()) {
                    correct++;
                }
            }
        }
        log.info(
                "Hand-set network: maximum on the target pixel for {}/{} centres",
                correct,
                centres.size());
        return correct;
    }
}

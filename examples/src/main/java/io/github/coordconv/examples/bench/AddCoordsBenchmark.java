package io.github.coordconv.examples.bench;

import io.github.coordconv.layer.AddCoords;
import java.util.Arrays;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Measures the cost of AddCoords relative to a 1x1 convolution on the same 64x64 input.
 *
 * <p>For each configuration it trains two networks in the same run, one step of each in turn: the
 * CoordConv layer (AddCoords, then a 1x1 convolution) and the 1x1 convolution alone on an input
 * that already has the two extra channels. Both end in the same parameter-free loss layer and use
 * DL4J's workspaces as in real training. AddCoords costs the difference of the two median step
 * times; the ratio divides it by the convolution-only step. The target is a ratio under 5%. Times
 * depend on the machine and its load, so compare only ratios from one run. When AddCoords costs
 * less than the timing noise, the difference of the two medians can come out slightly negative.
 *
 * <p>Usage: {@code AddCoordsBenchmark [batch] [iterations] [warmup]}, defaults 32, 30 and 10.
 */
public final class AddCoordsBenchmark {

    private static final int SIZE = 64;

    /** Input channels and 1x1 convolution filters of each measured configuration. */
    private static final int[][] CONFIGURATIONS = {{2, 32}, {32, 32}, {64, 64}};

    private AddCoordsBenchmark() {}

    public static void main(String[] args) {
        int batch = args.length > 0 ? parse(args[0], "batch") : 32;
        int iterations = args.length > 1 ? parse(args[1], "iterations") : 30;
        int warmup = args.length > 2 ? parse(args[2], "warmup") : 10;

        System.out.printf(
                "AddCoords forward+backward vs 1x1 convolution step, %dx%d maps, batch %d,"
                        + " float32, %d iterations after %d warm-up, backend %s%n",
                SIZE,
                SIZE,
                batch,
                iterations,
                warmup,
                Nd4j.getBackend().getClass().getSimpleName());
        System.out.printf(
                "%-10s %-8s %16s %14s %14s %8s%n",
                "channels", "filters", "coordconv ms", "conv 1x1 ms", "addcoords ms", "ratio");
        for (int[] configuration : CONFIGURATIONS) {
            measure(configuration[0], configuration[1], batch, iterations, warmup);
        }
    }

    private static void measure(int channels, int filters, int batch, int iterations, int warmup) {
        MultiLayerNetwork coordConv = network(channels, filters, true);
        MultiLayerNetwork convolution = network(channels + 2, filters, false);

        INDArray input = Nd4j.rand(DataType.FLOAT, batch, channels, SIZE, SIZE);
        INDArray widerInput = Nd4j.rand(DataType.FLOAT, batch, channels + 2, SIZE, SIZE);
        INDArray labels = Nd4j.rand(DataType.FLOAT, batch, filters, SIZE, SIZE);

        double[] coordConvTimes = new double[iterations];
        double[] convTimes = new double[iterations];
        for (int i = -warmup; i < iterations; i++) {
            long start = System.nanoTime();
            coordConv.fit(input, labels);
            long middle = System.nanoTime();
            convolution.fit(widerInput, labels);
            long end = System.nanoTime();
            if (i >= 0) {
                coordConvTimes[i] = (middle - start) / 1e6;
                convTimes[i] = (end - middle) / 1e6;
            }
        }

        double coordConvMedian = median(coordConvTimes);
        double convMedian = median(convTimes);
        double addCoords = coordConvMedian - convMedian;
        System.out.printf(
                "%-10d %-8d %16.2f %14.2f %14.2f %7.1f%%%n",
                channels,
                filters,
                coordConvMedian,
                convMedian,
                addCoords,
                100.0 * addCoords / convMedian);
    }

    private static MultiLayerNetwork network(int channels, int filters, boolean withAddCoords) {
        NeuralNetConfiguration.ListBuilder list =
                new NeuralNetConfiguration.Builder()
                        .seed(1)
                        .dataType(DataType.FLOAT)
                        .updater(new Sgd(1e-3))
                        .list();
        if (withAddCoords) {
            list.layer(new AddCoords.Builder().build());
        }
        MultiLayerConfiguration conf =
                list.layer(
                                new ConvolutionLayer.Builder(1, 1)
                                        .nOut(filters)
                                        .activation(Activation.RELU)
                                        .build())
                        .layer(
                                new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE)
                                        .activation(Activation.IDENTITY)
                                        .build())
                        .setInputType(InputType.convolutional(SIZE, SIZE, channels))
                        .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static int parse(String value, String name) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < 1) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "Invalid " + name + " '" + value + "': expected a positive integer", e);
        }
    }
}

package io.github.coordconv.examples.bench;

import io.github.coordconv.layer.AddCoords;
import java.util.Arrays;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Measures the cost of AddCoords relative to a 1x1 convolution on the same 64x64 input.
 *
 * <p>For each configuration it times one training step (forward and backward pass) of the AddCoords
 * layer alone, and of the 1x1 convolution that follows it in a CoordConv layer, one after the other
 * in each iteration, and prints the median times and their ratio. The target is a ratio under 5%.
 * Each iteration runs inside one workspace that is reset at its end, so that, as in DL4J's own
 * training loop, the arrays of a step reuse the memory of the step before. Times come from {@link
 * System#nanoTime()} over {@code iterations} steps after {@code warmup} steps. They depend on the
 * machine and its load, so compare only the ratios of one run.
 *
 * <p>Usage: {@code AddCoordsBenchmark [batch] [iterations] [warmup]}, defaults 32, 30 and 10.
 */
public final class AddCoordsBenchmark {

    private static final int SIZE = 64;

    private static final String WORKSPACE = "ADDCOORDS_BENCHMARK";

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
                "%-10s %-8s %14s %14s %8s%n",
                "channels", "filters", "addcoords ms", "conv 1x1 ms", "ratio");
        for (int[] configuration : CONFIGURATIONS) {
            measure(configuration[0], configuration[1], batch, iterations, warmup);
        }
    }

    private static void measure(int channels, int filters, int batch, int iterations, int warmup) {
        MultiLayerConfiguration conf =
                new NeuralNetConfiguration.Builder()
                        .seed(1)
                        .dataType(DataType.FLOAT)
                        .list()
                        .layer(new AddCoords.Builder().build())
                        .layer(
                                new ConvolutionLayer.Builder(1, 1)
                                        .nOut(filters)
                                        .activation(Activation.RELU)
                                        .build())
                        .setInputType(InputType.convolutional(SIZE, SIZE, channels))
                        .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.initGradientsView();
        Layer addCoords = net.getLayer(0);
        Layer convolution = net.getLayer(1);

        WorkspaceConfiguration workspace =
                WorkspaceConfiguration.builder()
                        .policyAllocation(AllocationPolicy.OVERALLOCATE)
                        .policyLearning(LearningPolicy.FIRST_LOOP)
                        .policyReset(ResetPolicy.BLOCK_LEFT)
                        .build();
        LayerWorkspaceMgr workspaces =
                LayerWorkspaceMgr.builder().defaultWorkspace(WORKSPACE, workspace).build();

        INDArray input = Nd4j.rand(DataType.FLOAT, batch, channels, SIZE, SIZE);
        INDArray coordsGradient = Nd4j.rand(DataType.FLOAT, batch, channels + 2, SIZE, SIZE);
        INDArray convGradient = Nd4j.rand(DataType.FLOAT, batch, filters, SIZE, SIZE);
        INDArray convInput = Nd4j.rand(DataType.FLOAT, batch, channels + 2, SIZE, SIZE);

        double[] coordsTimes = new double[iterations];
        double[] convTimes = new double[iterations];
        for (int i = -warmup; i < iterations; i++) {
            try (MemoryWorkspace ignored =
                    Nd4j.getWorkspaceManager().getAndActivateWorkspace(workspace, WORKSPACE)) {
                long start = System.nanoTime();
                addCoords.setInput(input, workspaces);
                addCoords.activate(true, workspaces);
                addCoords.backpropGradient(coordsGradient, workspaces);
                long middle = System.nanoTime();
                convolution.setInput(convInput, workspaces);
                convolution.activate(true, workspaces);
                convolution.backpropGradient(convGradient, workspaces);
                long end = System.nanoTime();
                if (i >= 0) {
                    coordsTimes[i] = (middle - start) / 1e6;
                    convTimes[i] = (end - middle) / 1e6;
                }
            }
        }

        double coordsMedian = median(coordsTimes);
        double convMedian = median(convTimes);
        System.out.printf(
                "%-10d %-8d %14.3f %14.3f %7.1f%%%n",
                channels, filters, coordsMedian, convMedian, 100.0 * coordsMedian / convMedian);
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

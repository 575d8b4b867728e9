package io.github.coordconv.examples.bench;

import io.github.coordconv.experiments.data.NotSoClevrData;
import io.github.coordconv.experiments.data.Split;
import io.github.coordconv.experiments.models.CoordinateScaling;
import io.github.coordconv.experiments.models.GraphSettings;
import io.github.coordconv.experiments.models.ModelFactory;
import io.github.coordconv.experiments.models.ModelType;
import io.github.coordconv.experiments.models.NetworkSpec;
import io.github.coordconv.experiments.models.Task;
import io.github.coordconv.experiments.train.Metrics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Trains the CoordConv coordinate classifier until it classifies every train and test example
 * correctly, and reports its training throughput and the wall time it took.
 *
 * <p>This is the Java side of {@code bench/side-by-side}, which runs {@code
 * bench/torch_classifier.py} with the same settings and prints the ratios. Both train the
 * coordinate classifier of Liu et al. (NeurIPS 2018): 1x1 convolutions of 32, 32, 64 and 64 filters
 * and softmax cross-entropy over 4,096 pixels, with raw pixel coordinates as input ({@code raw}, as
 * the released code) or pixel coordinates divided by 63 ({@code unit}). Both use the released
 * uniform split (or the quadrant split) and Adam with beta2 = 0.99.
 *
 * <p>Throughput counts training steps only. The wall time to 100% also includes the evaluation
 * after each epoch, as on the PyTorch side. The number of threads comes from {@code
 * OMP_NUM_THREADS}, which ND4J reads at start-up.
 *
 * <p>With {@code --lockstep} the program prints {@code ready} and reads one line from standard
 * input before each epoch, and stops when the input ends. {@code bench/side-by-side} uses it to
 * alternate the epochs of the two programs, so that both see the same machine load. Time spent
 * waiting for that line does not count in the wall time to 100%.
 *
 * <p>Usage: {@code ClassifierTrainingBenchmark [--lockstep] SPLIT LR BATCH MAX_EPOCHS [INPUT
 * [SEED]]}, for example {@code uniform 0.001 16 20 raw 1}. INPUT is {@code raw} (default) or {@code
 * unit}. SEED (default 1) seeds the initialisation and the order of the examples.
 */
public final class ClassifierTrainingBenchmark {

    private static final int EVALUATION_CHUNK = 256;

    private static final String LOCKSTEP = "--lockstep";

    /** Line printed in lockstep mode when the program waits for the line that starts an epoch. */
    private static final String READY = "ready";

    private ClassifierTrainingBenchmark() {}

    public static void main(String[] args) {
        try {
            run(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        } catch (IOException e) {
            System.err.println("Failed to read the lockstep signal from standard input: " + e);
            System.exit(1);
        }
    }

    private static void run(String[] arguments) throws IOException {
        boolean lockstep = arguments.length > 0 && arguments[0].equals(LOCKSTEP);
        String[] args = lockstep ? Arrays.copyOfRange(arguments, 1, arguments.length) : arguments;
        if (args.length < 4 || args.length > 6) {
            throw new IllegalArgumentException(
                    "Invalid arguments: expected [--lockstep] SPLIT LR BATCH MAX_EPOCHS [INPUT"
                            + " [SEED]], for example: uniform 0.001 16 20 raw 1");
        }
        Split split = Split.fromName(args[0]);
        double learningRate = parse(args[1], "LR");
        int batch = parseWhole(args[2], "BATCH");
        int maxEpochs = parseWhole(args[3], "MAX_EPOCHS");
        CoordinateScaling input = args.length >= 5 ? input(args[4]) : CoordinateScaling.RAW_PIXELS;
        long seed = args.length == 6 ? parseWhole(args[5], "SEED") : 1;

        NotSoClevrData data =
                NotSoClevrData.generate(
                        split, NotSoClevrData.RELEASED_SEED, NotSoClevrData.RELEASED_INTENSITY);
        INDArray trainInputs = data.coordinates(data.train());
        INDArray trainLabels = data.classificationLabels(data.train());
        INDArray testInputs = data.coordinates(data.test());
        INDArray testLabels = data.classificationLabels(data.test());

        GraphSettings settings =
                new GraphSettings(
                        seed, new Adam(learningRate, 0.9, 0.99, 1e-8), 0.0, DataType.FLOAT);
        ComputationGraph net =
                ModelFactory.create(
                        Task.CLASSIFICATION,
                        ModelType.COORDCONV,
                        NetworkSpec.defaults(Task.CLASSIFICATION, ModelType.COORDCONV)
                                .withCoordinateScaling(input),
                        settings);
        System.out.printf(
                "dl4j split=%s train=%d test=%d params=%d lr=%s batch=%d input=%s seed=%d"
                        + " threads=%s%n",
                split.cliName(),
                data.train().size(),
                data.test().size(),
                net.numParams(),
                args[1],
                batch,
                input.cliName(),
                seed,
                System.getenv().getOrDefault("OMP_NUM_THREADS", "default"));

        BufferedReader signals =
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Random random = new Random(seed);
        long start = System.nanoTime();
        long waited = 0;
        double trainSeconds = 0;
        double reached = Double.NaN;
        int epoch = 0;
        while (epoch < maxEpochs) {
            if (lockstep) {
                System.out.println(READY);
                System.out.flush();
                long waitStart = System.nanoTime();
                if (signals.readLine() == null) {
                    break;
                }
                waited += System.nanoTime() - waitStart;
            }
            epoch++;
            long epochStart = System.nanoTime();
            double loss = trainEpoch(net, trainInputs, trainLabels, batch, random);
            long trained = System.nanoTime();
            trainSeconds += (trained - epochStart) / 1e9;

            double trainAccuracy = accuracy(net, trainInputs, trainLabels);
            double testAccuracy = accuracy(net, testInputs, testLabels);
            System.out.printf(
                    "epoch %d train_s=%.2f eval_s=%.2f loss=%.4f train_acc=%.4f test_acc=%.4f%n",
                    epoch,
                    (trained - epochStart) / 1e9,
                    (System.nanoTime() - trained) / 1e9,
                    loss,
                    trainAccuracy,
                    testAccuracy);
            System.out.flush();
            if (trainAccuracy == 1.0 && testAccuracy == 1.0) {
                reached = (System.nanoTime() - start - waited) / 1e9;
                break;
            }
        }

        if (epoch == 0) {
            System.out.println("RESULT examples_per_s=none reached_s=none epochs=0");
            return;
        }
        double examplesPerSecond = epoch * data.train().size() / trainSeconds;
        String reachedText = Double.isNaN(reached) ? "none" : String.format("%.1f", reached);
        System.out.printf(
                "RESULT examples_per_s=%.1f reached_s=%s epochs=%d%n",
                examplesPerSecond, reachedText, epoch);
    }

    /**
     * Parses a whole number from 1 to {@code Integer.MAX_VALUE}, naming the argument if invalid.
     */
    static int parseWhole(String value, String name) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // Reported below with the argument's name.
        }
        throw new IllegalArgumentException(
                "Invalid "
                        + name
                        + " '"
                        + value
                        + "': expected a whole number from 1 to "
                        + Integer.MAX_VALUE);
    }

    /** Parses INPUT, naming the argument when it is invalid. */
    private static CoordinateScaling input(String value) {
        try {
            return CoordinateScaling.fromName(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid INPUT: " + e.getMessage(), e);
        }
    }

    /** Parses a positive number, naming the argument when it is invalid. */
    private static double parse(String value, String name) {
        try {
            double parsed = Double.parseDouble(value);
            if (parsed > 0 && Double.isFinite(parsed)) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // Reported below with the argument's name.
        }
        throw new IllegalArgumentException(
                "Invalid " + name + " '" + value + "': expected a positive number");
    }

    /** Trains one epoch in a shuffled order and returns the loss of the last minibatch. */
    private static double trainEpoch(
            ComputationGraph net, INDArray inputs, INDArray labels, int batch, Random random) {
        int examples = (int) inputs.size(0);
        int[] order = shuffledIndices(examples, random);
        for (int first = 0; first < examples; first += batch) {
            int[] rows = Arrays.copyOfRange(order, first, Math.min(examples, first + batch));
            net.fit(new DataSet(Nd4j.pullRows(inputs, 1, rows), Nd4j.pullRows(labels, 1, rows)));
        }
        return net.score();
    }

    private static int[] shuffledIndices(int count, Random random) {
        int[] indices = new int[count];
        for (int i = 0; i < count; i++) {
            indices[i] = i;
        }
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = indices[i];
            indices[i] = indices[j];
            indices[j] = swap;
        }
        return indices;
    }

    /** Returns the classification accuracy, evaluated in chunks as the training runs do. */
    private static double accuracy(ComputationGraph net, INDArray inputs, INDArray labels) {
        return Metrics.evaluate(net, Task.CLASSIFICATION, inputs, labels, EVALUATION_CHUNK)
                .accuracy();
    }
}

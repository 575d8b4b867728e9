package io.github.coordconv.examples.bench;

import io.github.coordconv.experiments.models.GraphSettings;
import io.github.coordconv.experiments.models.ModelFactory;
import io.github.coordconv.experiments.models.ModelType;
import io.github.coordconv.experiments.models.NetworkSpec;
import io.github.coordconv.experiments.models.Task;
import io.github.coordconv.layer.PointwiseConvolutionLayer;
import java.util.Arrays;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Compares the CoordConv classifier's training step with the 1x1 products called in OpenBLAS
 * directly (the default on the CPU backend) and through ND4J's {@code Nd4j.gemm}, the baseline.
 *
 * <p>One network trains on one random minibatch. Each round runs {@code steps} calls of {@code fit}
 * with one setting, then as many with the other, the order swapped every round, so that both see
 * the same load. It prints the median time per call of each setting and the median of the per-round
 * ratios, ND4J time / direct time: above 1.0 means the direct calls are faster.
 *
 * <p>Usage: {@code DirectBlasBenchmark [batch] [steps] [rounds]}, defaults 16, 10 and 15.
 */
public final class DirectBlasBenchmark {

    private static final int WARMUP_STEPS = 20;

    private DirectBlasBenchmark() {}

    public static void main(String[] args) {
        try {
            run(args);
        } catch (IllegalArgumentException e) {
            System.err.println(
                    e.getMessage() + ". Usage: DirectBlasBenchmark [batch] [steps] [rounds]");
            System.exit(2);
        }
    }

    private static void run(String[] args) {
        int batch = args.length > 0 ? ClassifierTrainingBenchmark.parseWhole(args[0], "batch") : 16;
        int steps = args.length > 1 ? ClassifierTrainingBenchmark.parseWhole(args[1], "steps") : 10;
        int rounds =
                args.length > 2 ? ClassifierTrainingBenchmark.parseWhole(args[2], "rounds") : 15;
        ComputationGraph net =
                ModelFactory.create(
                        Task.CLASSIFICATION,
                        ModelType.COORDCONV,
                        NetworkSpec.defaults(Task.CLASSIFICATION, ModelType.COORDCONV),
                        GraphSettings.defaults(1));
        DataSet data = minibatch(batch);

        for (int i = 0; i < WARMUP_STEPS; i++) {
            setDirect(i % 2 == 0);
            net.fit(data);
        }

        double[] direct = new double[rounds];
        double[] nd4j = new double[rounds];
        double[] ratios = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            boolean directFirst = round % 2 == 0;
            double first = millisPerStep(net, data, steps, directFirst);
            double second = millisPerStep(net, data, steps, !directFirst);
            direct[round] = directFirst ? first : second;
            nd4j[round] = directFirst ? second : first;
            ratios[round] = nd4j[round] / direct[round];
        }
        System.clearProperty(PointwiseConvolutionLayer.DIRECT_BLAS_PROPERTY);

        System.out.printf(
                "CoordConv classifier, batch %d, %d rounds of %d steps per setting%n",
                batch, rounds, steps);
        System.out.printf("direct OpenBLAS calls: median %.1f ms per step%n", median(direct));
        System.out.printf("ND4J products:         median %.1f ms per step%n", median(nd4j));
        System.out.printf(
                "ratio ND4J / direct: median %.3f, range %.3f to %.3f%n",
                median(ratios),
                Arrays.stream(ratios).min().orElse(Double.NaN),
                Arrays.stream(ratios).max().orElse(Double.NaN));
    }

    private static double millisPerStep(
            ComputationGraph net, DataSet data, int steps, boolean direct) {
        setDirect(direct);
        long start = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            net.fit(data);
        }
        return (System.nanoTime() - start) / 1e6 / steps;
    }

    private static void setDirect(boolean direct) {
        System.setProperty(PointwiseConvolutionLayer.DIRECT_BLAS_PROPERTY, String.valueOf(direct));
    }

    /** Returns a minibatch of random centres with the throughput benchmark's one-hot targets. */
    private static DataSet minibatch(int batch) {
        Nd4j.getRandom().setSeed(1);
        INDArray centres = Nd4j.rand(DataType.FLOAT, batch, 2).muli(55).addi(4);
        return new DataSet(centres, TrainingThroughputBenchmark.labels(Task.CLASSIFICATION, batch));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}

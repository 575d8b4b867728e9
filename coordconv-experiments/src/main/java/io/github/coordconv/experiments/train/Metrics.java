package io.github.coordconv.experiments.train;

import io.github.coordconv.experiments.models.ModelFactory;
import io.github.coordconv.experiments.models.Task;
import java.util.Arrays;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Computes {@link SplitMetrics} from a network's outputs, evaluating in minibatches so memory stays
 * bounded (one 64x64 forward pass over 3,136 examples takes about 9 GB).
 */
public final class Metrics {

    /** Canvas size in pixels; regression targets are pixel coordinates over this. */
    private static final int CANVAS = 64;

    /** Floor on probabilities inside logarithms, so an underflowed softmax gives a finite loss. */
    private static final double MIN_PROBABILITY = 1e-30;

    private Metrics() {}

    /**
     * Evaluates {@code graph} on examples {@code rows} of 2-D {@code inputs} and {@code targets}
     * (layouts as {@link ModelFactory} describes, images flattened row-major), {@code batchSize}
     * examples per forward pass.
     */
    public static SplitMetrics evaluate(
            ComputationGraph graph,
            Task task,
            INDArray inputs,
            INDArray targets,
            int[] rows,
            int batchSize) {
        Accumulator total = new Accumulator(task);
        for (int start = 0; start < rows.length; start += batchSize) {
            int[] batch = Arrays.copyOfRange(rows, start, Math.min(rows.length, start + batchSize));
            INDArray input = Nd4j.pullRows(inputs, 1, batch);
            input = input.reshape('c', ModelFactory.inputShape(task, batch.length));
            INDArray output = graph.outputSingle(false, input);
            total.add(output, Nd4j.pullRows(targets, 1, batch));
        }
        return total.result();
    }

    /**
     * Computes the metrics of {@code outputs} against {@code targets}, both 2-D with one example
     * per row: softmax probabilities and one-hot pixels {@code (n, 4096)} for classification,
     * {@code (x/64, y/64)} pairs {@code (n, 2)} for regression, logits and images {@code (n, 4096)}
     * for rendering.
     */
    public static SplitMetrics of(Task task, INDArray outputs, INDArray targets) {
        Accumulator total = new Accumulator(task);
        total.add(outputs, targets);
        return total.result();
    }

    /** Evaluates {@code graph} on every row of {@code inputs} and {@code targets}. */
    public static SplitMetrics evaluate(
            ComputationGraph graph, Task task, INDArray inputs, INDArray targets, int batchSize) {
        int[] rows = new int[Math.toIntExact(inputs.size(0))];
        Arrays.setAll(rows, i -> i);
        return evaluate(graph, task, inputs, targets, rows, batchSize);
    }

    /** Sums of per-example values, turned into means by {@link #result()}. */
    private static final class Accumulator {
        private final Task task;
        private int examples;
        private double loss;
        private double hits;
        private double errorPixels;
        private double iou;

        Accumulator(Task task) {
            this.task = task;
        }

        void add(INDArray output, INDArray target) {
            int n = Math.toIntExact(output.size(0));
            int width = Math.toIntExact(output.size(1));
            float[] out = values(output);
            float[] tgt = values(target);
            for (int i = 0; i < n; i++) {
                int offset = i * width;
                switch (task) {
                    case CLASSIFICATION -> addClassification(out, tgt, offset, width);
                    case REGRESSION -> addRegression(out, tgt, offset);
                    case RENDERING -> addRendering(out, tgt, offset, width);
                }
            }
            examples += n;
        }

        private void addClassification(float[] out, float[] tgt, int offset, int width) {
            int predicted = argMax(out, offset, width);
            int expected = argMax(tgt, offset, width);
            hits += predicted == expected ? 1 : 0;
            loss -= Math.log(Math.max(out[offset + expected], MIN_PROBABILITY));
            int dx = predicted % CANVAS - expected % CANVAS;
            int dy = predicted / CANVAS - expected / CANVAS;
            errorPixels += Math.sqrt(dx * dx + dy * dy);
        }

        private void addRegression(float[] out, float[] tgt, int offset) {
            double px = out[offset] * (double) CANVAS;
            double py = out[offset + 1] * (double) CANVAS;
            double tx = tgt[offset] * (double) CANVAS;
            double ty = tgt[offset + 1] * (double) CANVAS;
            errorPixels += Math.hypot(px - tx, py - ty);
            boolean exact = Math.round(px) == Math.round(tx) && Math.round(py) == Math.round(ty);
            hits += exact ? 1 : 0;
            double ex = out[offset] - tgt[offset];
            double ey = out[offset + 1] - tgt[offset + 1];
            loss += (ex * ex + ey * ey) / 2.0;
        }

        private void addRendering(float[] out, float[] tgt, int offset, int width) {
            int intersection = 0;
            int union = 0;
            double exampleLoss = 0;
            for (int j = offset; j < offset + width; j++) {
                double z = out[j];
                double y = tgt[j];
                boolean painted = z > 0; // sigmoid(z) > 0.5
                boolean square = y > 0;
                intersection += painted && square ? 1 : 0;
                union += painted || square ? 1 : 0;
                exampleLoss += Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
            }
            iou += union == 0 ? 1.0 : intersection / (double) union;
            loss += exampleLoss / width;
        }

        private static int argMax(float[] values, int offset, int width) {
            int best = offset;
            for (int j = offset + 1; j < offset + width; j++) {
                if (values[j] > values[best]) {
                    best = j;
                }
            }
            return best - offset;
        }

        SplitMetrics result() {
            if (examples == 0) {
                throw new IllegalStateException("No examples to evaluate");
            }
            double mean = 1.0 / examples;
            return switch (task) {
                case CLASSIFICATION, REGRESSION ->
                        new SplitMetrics(
                                examples, loss * mean, hits * mean, errorPixels * mean, null);
                case RENDERING -> new SplitMetrics(examples, loss * mean, null, null, iou * mean);
            };
        }
    }

    /** Returns the elements of {@code array} in row-major order as floats. */
    private static float[] values(INDArray array) {
        return Nd4j.toFlattened('c', array.castTo(DataType.FLOAT)).toFloatVector();
    }
}

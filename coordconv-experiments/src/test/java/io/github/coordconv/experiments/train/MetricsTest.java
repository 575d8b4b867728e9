package io.github.coordconv.experiments.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.coordconv.experiments.data.Centre;
import io.github.coordconv.experiments.data.NotSoClevrData;
import io.github.coordconv.experiments.data.Split;
import io.github.coordconv.experiments.models.GraphSettings;
import io.github.coordconv.experiments.models.ModelFactory;
import io.github.coordconv.experiments.models.ModelType;
import io.github.coordconv.experiments.models.NetworkSpec;
import io.github.coordconv.experiments.models.Task;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MetricsTest {

    private static final int PIXELS = 64 * 64;

    private static int pixel(int x, int y) {
        return y * 64 + x;
    }

    /** Returns softmax-like rows: {@code peak} at the given pixels, the rest spread evenly. */
    private static INDArray probabilities(double peak, int... pixels) {
        INDArray rows =
                Nd4j.valueArrayOf(
                        new long[] {pixels.length, PIXELS},
                        (1 - peak) / (PIXELS - 1),
                        DataType.FLOAT);
        for (int i = 0; i < pixels.length; i++) {
            rows.putScalar(i, pixels[i], peak);
        }
        return rows;
    }

    private static INDArray oneHot(int... pixels) {
        INDArray rows = Nd4j.zeros(DataType.FLOAT, pixels.length, PIXELS);
        for (int i = 0; i < pixels.length; i++) {
            rows.putScalar(i, pixels[i], 1.0);
        }
        return rows;
    }

    @Test
    void classificationCountsArgMaxHits() {
        INDArray targets = oneHot(pixel(10, 20), pixel(30, 40));
        INDArray outputs = probabilities(0.5, pixel(10, 20), pixel(33, 44));
        SplitMetrics metrics = Metrics.of(Task.CLASSIFICATION, outputs, targets);
        assertThat(metrics.accuracy()).isEqualTo(0.5);
        assertThat(metrics.meanErrorPixels()).isCloseTo(2.5, within(1e-9));
        assertThat(metrics.iou()).isNull();
    }

    @Test
    void classificationLossIsCrossEntropy() {
        INDArray targets = oneHot(pixel(10, 20));
        INDArray outputs = probabilities(0.25, pixel(10, 20));
        SplitMetrics metrics = Metrics.of(Task.CLASSIFICATION, outputs, targets);
        assertThat(metrics.loss()).isCloseTo(-Math.log(0.25), within(1e-6));
    }

    @Test
    void regressionRoundsToPixels() {
        INDArray targets = Nd4j.createFromArray(new float[][] {{10, 20}, {10, 20}}).divi(64);
        INDArray outputs =
                Nd4j.createFromArray(new float[][] {{10.4f, 19.7f}, {10.6f, 20f}}).divi(64);
        SplitMetrics metrics = Metrics.of(Task.REGRESSION, outputs, targets);
        assertThat(metrics.accuracy()).isEqualTo(0.5);
        assertThat(metrics.meanErrorPixels()).isCloseTo((0.5 + 0.6) / 2, within(1e-5));
    }

    @Test
    void regressionLossIsMeanSquaredError() {
        INDArray targets = Nd4j.createFromArray(new float[][] {{0.5f, 0.5f}});
        INDArray outputs = Nd4j.createFromArray(new float[][] {{0.6f, 0.3f}});
        SplitMetrics metrics = Metrics.of(Task.REGRESSION, outputs, targets);
        assertThat(metrics.loss()).isCloseTo((0.01 + 0.04) / 2, within(1e-6));
    }

    @Test
    void renderingIouOfExactSquareIsOne() {
        NotSoClevrData data = NotSoClevrData.generate(Split.QUADRANT, 0, 1.0);
        INDArray image = data.squareImages(List.of(new Centre(20, 30))).reshape(1, PIXELS);
        INDArray logits = image.mul(20).subi(10);
        SplitMetrics metrics = Metrics.of(Task.RENDERING, logits, image);
        assertThat(metrics.iou()).isEqualTo(1.0);
        assertThat(metrics.accuracy()).isNull();
    }

    @Test
    void renderingIouCountsOverlap() {
        NotSoClevrData data = NotSoClevrData.generate(Split.QUADRANT, 0, 1.0);
        INDArray target = data.squareImages(List.of(new Centre(20, 30))).reshape(1, PIXELS);
        INDArray shifted = data.squareImages(List.of(new Centre(23, 30))).reshape(1, PIXELS);
        INDArray logits = shifted.mul(20).subi(10);
        SplitMetrics metrics = Metrics.of(Task.RENDERING, logits, target);
        double overlap = 9 * 6;
        assertThat(metrics.iou()).isCloseTo(overlap / (81 + 81 - overlap), within(1e-9));
    }

    @Test
    void renderingTargetsCountWhereNonzero() {
        NotSoClevrData data = NotSoClevrData.generate(Split.QUADRANT, 0, 128.0 / 255);
        INDArray target = data.squareImages(List.of(new Centre(20, 30))).reshape(1, PIXELS);
        INDArray logits = target.gt(0).castTo(DataType.FLOAT).muli(20).subi(10);
        assertThat(Metrics.of(Task.RENDERING, logits, target).iou()).isEqualTo(1.0);
    }

    @Test
    void batchSizeDoesNotChangeMetrics() {
        ComputationGraph graph =
                ModelFactory.create(
                        Task.REGRESSION,
                        ModelType.CONV_DENSE,
                        NetworkSpec.defaults(Task.REGRESSION, ModelType.CONV_DENSE),
                        GraphSettings.defaults(3));
        NotSoClevrData data = NotSoClevrData.generate(Split.QUADRANT, 0, 1.0);
        List<Centre> centres = data.test().subList(0, 10);
        INDArray inputs = data.oneHotImages(centres).reshape(10, PIXELS);
        INDArray targets = data.regressionTargets(centres);
        SplitMetrics small = Metrics.evaluate(graph, Task.REGRESSION, inputs, targets, 3);
        SplitMetrics large = Metrics.evaluate(graph, Task.REGRESSION, inputs, targets, 64);
        assertThat(small.examples()).isEqualTo(10);
        assertThat(small.loss()).isCloseTo(large.loss(), within(1e-6));
        assertThat(small.meanErrorPixels()).isCloseTo(large.meanErrorPixels(), within(1e-4));
    }
}

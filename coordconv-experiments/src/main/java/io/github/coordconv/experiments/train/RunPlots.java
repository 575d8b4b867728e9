package io.github.coordconv.experiments.train;

import io.github.coordconv.experiments.data.Centre;
import io.github.coordconv.experiments.models.Task;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** PNG plots of one run, drawn with XChart. */
final class RunPlots {

    private static final int CANVAS = 64;

    /** Heat map values are integers; probabilities are drawn in thousandths. */
    private static final int HEAT_SCALE = 1000;

    private static final int PANEL = 320;

    private RunPlots() {}

    /**
     * Writes the training curves of {@code epochs}: the primary metric of both splits and the
     * losses (training score, train loss, test loss) per epoch, side by side.
     */
    static void trainingCurves(RunSpec spec, List<EpochMetrics> epochs, Path file)
            throws IOException {
        Task task = spec.task();
        double[] x = new double[epochs.size()];
        double[] trainMetric = new double[epochs.size()];
        double[] testMetric = new double[epochs.size()];
        double[] score = new double[epochs.size()];
        double[] trainLoss = new double[epochs.size()];
        double[] testLoss = new double[epochs.size()];
        for (int i = 0; i < epochs.size(); i++) {
            EpochMetrics metrics = epochs.get(i);
            x[i] = metrics.epoch();
            trainMetric[i] = metrics.train().primary(task);
            testMetric[i] = metrics.test().primary(task);
            score[i] = metrics.trainingLoss();
            trainLoss[i] = metrics.train().loss();
            testLoss[i] = metrics.test().loss();
        }
        String name = SplitMetrics.primaryName(task);
        XYChart metric =
                new XYChartBuilder()
                        .width(2 * PANEL)
                        .height(PANEL + 80)
                        .title(spec.name() + ": " + name)
                        .xAxisTitle("epoch")
                        .yAxisTitle(name)
                        .build();
        metric.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        addLine(metric, "train", x, trainMetric);
        addLine(metric, "test", x, testMetric);

        XYChart loss =
                new XYChartBuilder()
                        .width(2 * PANEL)
                        .height(PANEL + 80)
                        .title(spec.name() + ": loss")
                        .xAxisTitle("epoch")
                        .yAxisTitle("loss")
                        .build();
        loss.getStyler().setYAxisLogarithmic(spansDecades(score, trainLoss, testLoss));
        addLine(loss, "training score (with L2)", x, score);
        addLine(loss, "train loss", x, trainLoss);
        addLine(loss, "test loss", x, testLoss);
        save(List.of(metric, loss), 1, 2, file);
    }

    private static void addLine(XYChart chart, String name, double[] x, double[] y) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(x.length > 30 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
    }

    /**
     * Returns whether all values are positive and span more than a factor of 20, the range where a
     * logarithmic axis reads better. XChart draws no tick labels on a log axis within one decade.
     */
    private static boolean spansDecades(double[]... series) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (double[] values : series) {
            for (double value : values) {
                if (!(value > 0)) {
                    return false;
                }
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
        }
        return max > 20 * min;
    }

    /**
     * Writes predicted next to true outputs of test examples. Classification and rendering get a
     * row per example with the target and the predicted image (softmax probabilities, or sigmoid
     * probabilities of the logits). Regression gets a scatter plot of true and predicted centres.
     */
    static void predictions(
            Task task, List<Centre> centres, INDArray outputs, INDArray targets, Path file)
            throws IOException {
        float[] out = values(outputs);
        float[] tgt = values(targets);
        if (task == Task.REGRESSION) {
            save(List.of(scatter(centres.size(), out, tgt)), 1, 1, file);
            return;
        }
        int pixels = CANVAS * CANVAS;
        List<HeatMapChart> charts = new ArrayList<>();
        for (int i = 0; i < centres.size(); i++) {
            Centre centre = centres.get(i);
            String where = String.format(Locale.ROOT, "(x=%d, y=%d)", centre.x(), centre.y());
            float[] predicted = new float[pixels];
            for (int p = 0; p < pixels; p++) {
                float value = out[i * pixels + p];
                predicted[p] = task == Task.RENDERING ? sigmoid(value) : value;
            }
            float[] target = new float[pixels];
            System.arraycopy(tgt, i * pixels, target, 0, pixels);
            String kind = task == Task.RENDERING ? "pixel probability" : "softmax";
            charts.add(heatMap("target " + where, target, 1.0f));
            float max = task == Task.RENDERING ? 1.0f : max(predicted);
            charts.add(
                    heatMap(
                            String.format(Locale.ROOT, "predicted %s, max %.3g", kind, max),
                            predicted,
                            max));
        }
        save(charts, centres.size(), 2, file);
    }

    private static XYChart scatter(int count, float[] out, float[] tgt) {
        double[] trueX = new double[count];
        double[] trueY = new double[count];
        double[] predictedX = new double[count];
        double[] predictedY = new double[count];
        for (int i = 0; i < count; i++) {
            trueX[i] = tgt[2 * i] * CANVAS;
            trueY[i] = tgt[2 * i + 1] * CANVAS;
            predictedX[i] = out[2 * i] * CANVAS;
            predictedY[i] = out[2 * i + 1] * CANVAS;
        }
        XYChart chart =
                new XYChartBuilder()
                        .width(2 * PANEL)
                        .height(2 * PANEL)
                        .title("test centres: true and predicted (x, y) * 64")
                        .xAxisTitle("x (column, pixels)")
                        .yAxisTitle("y (row, pixels)")
                        .build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(4);
        chart.addSeries("true", trueX, trueY);
        chart.addSeries("predicted", predictedX, predictedY);
        return chart;
    }

    private static HeatMapChart heatMap(String title, float[] image, float max) {
        int[] columns = new int[CANVAS];
        int[] rows = new int[CANVAS];
        int[][] heat = new int[CANVAS][CANVAS];
        for (int i = 0; i < CANVAS; i++) {
            columns[i] = i;
            // The heat map draws its first row at the bottom; image row 0 belongs at the top.
            rows[i] = CANVAS - 1 - i;
        }
        float scale = max > 0 ? HEAT_SCALE / max : 0;
        for (int x = 0; x < CANVAS; x++) {
            for (int j = 0; j < CANVAS; j++) {
                int y = CANVAS - 1 - j;
                heat[x][j] = Math.round(Math.max(0, image[y * CANVAS + x]) * scale);
            }
        }
        HeatMapChart chart =
                new HeatMapChartBuilder().width(PANEL).height(PANEL).title(title).build();
        chart.getStyler()
                .setMin(0)
                .setMax(HEAT_SCALE)
                .setRangeColors(new Color[] {Color.BLACK, Color.WHITE})
                .setShowValue(false)
                .setDrawBorder(false)
                .setLegendVisible(false);
        chart.getStyler().setXAxisTicksVisible(false).setYAxisTicksVisible(false);
        chart.getStyler().setPlotGridLinesVisible(false).setPlotBorderVisible(false);
        chart.addSeries("image", columns, rows, heat);
        return chart;
    }

    private static float sigmoid(float z) {
        return (float) (1.0 / (1.0 + Math.exp(-z)));
    }

    private static float max(float[] values) {
        float max = 0;
        for (float value : values) {
            max = Math.max(max, value);
        }
        return max;
    }

    private static <T extends Chart<?, ?>> void save(
            List<T> charts, int rows, int columns, Path file) throws IOException {
        BitmapEncoder.saveBitmap(
                charts, rows, columns, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** Returns the elements of {@code array} in row-major order as floats. */
    private static float[] values(INDArray array) {
        return Nd4j.toFlattened('c', array.castTo(DataType.FLOAT)).toFloatVector();
    }
}

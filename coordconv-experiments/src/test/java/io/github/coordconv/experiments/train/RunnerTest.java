package io.github.coordconv.experiments.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coordconv.experiments.data.NotSoClevrData;
import io.github.coordconv.experiments.data.Split;
import io.github.coordconv.experiments.models.ModelType;
import io.github.coordconv.experiments.models.Task;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnerTest {

    private static final Map<String, NotSoClevrData> DATA = new HashMap<>();

    @TempDir Path directory;

    /** Returns a spec that trains 2 epochs of 2 minibatches of 8 and evaluates 16 examples. */
    private static RunSpec tiny(Task task, ModelType model) {
        return RunSpec.defaults(task, Split.QUADRANT, model)
                .withTraining(new TrainingSpec(8, 2, 2, 16, 16, false));
    }

    private static NotSoClevrData data(RunSpec spec) {
        return DATA.computeIfAbsent(spec.split() + " " + spec.data(), key -> spec.loadData());
    }

    private RunResult run(RunSpec spec, String name) {
        return Runner.run(spec, data(spec), directory.resolve(name), RunListener.NONE);
    }

    private static RunSpec regressor() {
        return tiny(Task.REGRESSION, ModelType.COORDCONV);
    }

    @Test
    void writesEveryRunFile() throws IOException {
        run(regressor(), "run");
        for (String name : RunFiles.ALL) {
            Path file = directory.resolve("run").resolve(name);
            assertThat(file).as(name).isNotEmptyFile();
        }
    }

    @Test
    void specFileRecordsEnvironment() {
        run(regressor(), "run");
        Environment environment =
                RunSpec.fromJson(directory.resolve("run").resolve(RunFiles.SPEC)).environment();
        assertThat(environment).isNotNull();
        assertThat(environment.dl4jVersion()).isNotEqualTo("unknown");
        assertThat(environment.cores()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(environment.ompWaitPolicy()).isEqualTo(System.getenv("OMP_WAIT_POLICY"));
        assertThat(environment.openblasCoreType()).isEqualTo(System.getenv("OPENBLAS_CORETYPE"));
    }

    @Test
    void specFileMatchesSpec() {
        RunSpec spec = regressor();
        run(spec, "run");
        RunSpec written = RunSpec.fromJson(directory.resolve("run").resolve(RunFiles.SPEC));
        assertThat(written.withEnvironment(null)).isEqualTo(spec);
    }

    @Test
    void metricsCsvHasRowPerEpoch() throws IOException {
        run(regressor(), "run");
        List<String> lines = Files.readAllLines(directory.resolve("run").resolve(RunFiles.METRICS));
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo(MetricsCsv.HEADER);
        assertThat(lines.get(2)).startsWith("2,");
    }

    @Test
    void resultFileReadsBack() {
        RunResult result = run(regressor(), "run");
        assertThat(RunResult.read(directory.resolve("run").resolve(RunFiles.RESULT)))
                .isEqualTo(result);
    }

    @Test
    void resultCountsPaperParameters() {
        assertThat(run(regressor(), "run").parameters()).isEqualTo(906);
    }

    @Test
    void evaluatesRequestedSubset() {
        RunResult result = run(regressor(), "run");
        assertThat(result.finalTest().examples()).isEqualTo(16);
        assertThat(result.finalTrain().examples()).isEqualTo(16);
    }

    @Test
    void sameSeedGivesSameMetrics() {
        RunSpec spec = regressor().withSeed(11);
        RunResult first = run(spec, "first");
        RunResult second = run(spec, "second");
        for (int i = 0; i < first.epochs().size(); i++) {
            EpochMetrics a = first.epochs().get(i);
            EpochMetrics b = second.epochs().get(i);
            assertThat(b.trainingLoss())
                    .as("epoch %d training loss", i + 1)
                    .isEqualTo(a.trainingLoss());
            assertThat(b.train()).as("epoch %d train", i + 1).isEqualTo(a.train());
            assertThat(b.test()).as("epoch %d test", i + 1).isEqualTo(a.test());
        }
    }

    @Test
    void otherSeedGivesOtherLoss() {
        RunResult first = run(regressor().withSeed(1), "first");
        RunResult second = run(regressor().withSeed(2), "second");
        assertThat(second.epochs().get(0).trainingLoss())
                .isNotEqualTo(first.epochs().get(0).trainingLoss());
    }

    @Test
    void listenerSeesEveryBatchAndEpoch() {
        List<String> events = new ArrayList<>();
        RunListener listener =
                new RunListener() {
                    @Override
                    public void runStarted(RunSpec spec, int batchesPerEpoch) {
                        events.add("start " + batchesPerEpoch);
                    }

                    @Override
                    public void batchCompleted(int epoch, int batch, double score) {
                        events.add("batch " + epoch + "." + batch);
                    }

                    @Override
                    public void epochCompleted(EpochMetrics metrics) {
                        events.add("epoch " + metrics.epoch());
                    }

                    @Override
                    public void runFinished(RunResult result) {
                        events.add("finish");
                    }
                };
        RunSpec spec = regressor();
        Runner.run(spec, data(spec), directory.resolve("run"), listener);
        assertThat(events)
                .containsExactly(
                        "start 2",
                        "batch 1.1",
                        "batch 1.2",
                        "epoch 1",
                        "batch 2.1",
                        "batch 2.2",
                        "epoch 2",
                        "finish");
    }

    @Test
    void savedModelRestores() throws IOException {
        RunResult result = run(regressor(), "run");
        ComputationGraph restored =
                ModelSerializer.restoreComputationGraph(
                        directory.resolve("run").resolve(RunFiles.MODEL).toFile(), true);
        assertThat(restored.numParams()).isEqualTo(result.parameterTotal());
        assertThat(restored.getConfiguration().getEpochCount()).isEqualTo(2);
    }

    @Test
    void rejectsExistingRun() {
        run(regressor(), "run");
        assertThatThrownBy(() -> run(regressor(), "run"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already contains a run");
    }

    @Test
    void forcedPrepareClearsEarlierRun() {
        run(regressor(), "run");
        RunFiles.prepare(directory.resolve("run"), true);
        assertThat(directory.resolve("run").resolve(RunFiles.SPEC)).doesNotExist();
    }

    @Test
    void rejectsMismatchedData() {
        RunSpec uniform =
                RunSpec.defaults(Task.REGRESSION, Split.UNIFORM, ModelType.COORDCONV)
                        .withTraining(regressor().training());
        NotSoClevrData quadrant = data(regressor());
        assertThatThrownBy(
                        () ->
                                Runner.run(
                                        uniform,
                                        quadrant,
                                        directory.resolve("run"),
                                        RunListener.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not match");
    }

    @Test
    void classifierPlotsTargetNextToPrediction() throws IOException {
        RunSpec spec =
                RunSpec.defaults(Task.CLASSIFICATION, Split.QUADRANT, ModelType.COORDCONV)
                        .withTraining(new TrainingSpec(4, 1, 1, 8, 8, false));
        run(spec, "run");
        BufferedImage image =
                ImageIO.read(directory.resolve("run").resolve(RunFiles.PREDICTIONS).toFile());
        assertThat(image.getWidth()).isEqualTo(2 * 320);
        assertThat(image.getHeight()).isEqualTo(Runner.PLOTTED_EXAMPLES * 320);
    }

    @Test
    void rendererReportsIou() {
        RunSpec spec =
                RunSpec.defaults(Task.RENDERING, Split.QUADRANT, ModelType.DECONV)
                        .withTraining(new TrainingSpec(4, 1, 1, 8, 8, false));
        SplitMetrics test = run(spec, "run").finalTest();
        assertThat(test.iou()).isBetween(0.0, 1.0);
        assertThat(test.accuracy()).isNull();
    }
}

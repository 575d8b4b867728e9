package io.github.coordconv.experiments.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class ModelFactoryTest {

    private static final int EXAMPLES = 4;

    @TempDir Path directory;

    static Stream<Arguments> models() {
        List<Arguments> pairs = new ArrayList<>();
        for (Task task : Task.values()) {
            for (ModelType model : ModelType.supported(task)) {
                pairs.add(Arguments.of(task, model));
            }
        }
        return pairs.stream();
    }

    private static ComputationGraph create(Task task, ModelType model) {
        return ModelFactory.create(
                task, model, NetworkSpec.defaults(task, model), GraphSettings.defaults(7));
    }

    /** Returns random inputs like the data: pixel coordinates 4..59 or one-hot images. */
    private static INDArray inputs(Task task, long seed) {
        Nd4j.getRandom().setSeed(seed);
        if (task.takesCoordinates()) {
            return Nd4j.rand(DataType.FLOAT, EXAMPLES, 2).muli(55).addi(4);
        }
        INDArray images = Nd4j.zeros(DataType.FLOAT, ModelFactory.inputShape(task, EXAMPLES));
        for (int i = 0; i < EXAMPLES; i++) {
            images.putScalar(new long[] {i, 0, 10 + 9 * i, 50 - 9 * i}, 1.0);
        }
        return images;
    }

    private static INDArray labels(Task task) {
        int size = ModelFactory.outputSize(task);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, EXAMPLES, size);
        for (int i = 0; i < EXAMPLES; i++) {
            labels.putScalar(i, task == Task.REGRESSION ? 0 : 100 * i + 7, 0.5);
            labels.putScalar(i, task == Task.REGRESSION ? 1 : 100 * i + 8, 0.5);
        }
        return labels;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("models")
    void outputHasTaskShape(Task task, ModelType model) {
        INDArray output = create(task, model).outputSingle(inputs(task, 1));
        assertThat(output.shape()).containsExactly((long) EXAMPLES, ModelFactory.outputSize(task));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("models")
    void trainingChangesParameters(Task task, ModelType model) {
        ComputationGraph graph = create(task, model);
        INDArray before = graph.params().dup();
        graph.fit(new DataSet(inputs(task, 2), labels(task)));
        graph.incrementEpochCount();
        assertThat(graph.params().equalsWithEps(before, 0.0)).isFalse();
        assertThat(Double.isFinite(graph.score())).isTrue();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("models")
    void serialisationKeepsOutputs(Task task, ModelType model) throws IOException {
        ComputationGraph graph = create(task, model);
        graph.fit(new DataSet(inputs(task, 3), labels(task)));
        File file = directory.resolve(task.cliName() + "-" + model.cliName() + ".zip").toFile();
        ModelSerializer.writeModel(graph, file, true);

        ComputationGraph restored = ModelSerializer.restoreComputationGraph(file, true);
        INDArray input = inputs(task, 4);
        assertThat(restored.getConfiguration().toJson())
                .isEqualTo(graph.getConfiguration().toJson());
        assertThat(restored.outputSingle(input)).isEqualTo(graph.outputSingle(input));
    }

    @Test
    void classifierOutputIsDistribution() {
        INDArray output =
                create(Task.CLASSIFICATION, ModelType.COORDCONV)
                        .outputSingle(inputs(Task.CLASSIFICATION, 5));
        INDArray sums = output.sum(1);
        for (int i = 0; i < EXAMPLES; i++) {
            assertThat(sums.getDouble(i)).isCloseTo(1.0, offset(1e-4));
        }
    }

    @Test
    void rejectsModelOfOtherTask() {
        NetworkSpec network = NetworkSpec.defaults(Task.REGRESSION, ModelType.CONV_DENSE);
        assertThatThrownBy(
                        () ->
                                ModelFactory.configuration(
                                        Task.CLASSIFICATION,
                                        ModelType.CONV_DENSE,
                                        network,
                                        GraphSettings.defaults(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("conv-dense")
                .hasMessageContaining("coordconv, deconv");
    }

    @Test
    void rejectsWrongChannelCount() {
        NetworkSpec network =
                NetworkSpec.defaults(Task.CLASSIFICATION, ModelType.COORDCONV)
                        .withChannels(List.of(32, 32));
        assertThatThrownBy(
                        () -> CoordConvClassifier.configuration(network, GraphSettings.defaults(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must have 4 entries");
    }

    @Test
    void deconvRejectsTruncatePadding() {
        NetworkSpec network =
                NetworkSpec.defaults(Task.CLASSIFICATION, ModelType.DECONV)
                        .withConvolutionMode(ConvolutionMode.Truncate);
        assertThatThrownBy(() -> DeconvClassifier.configuration(network, GraphSettings.defaults(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be Same");
    }

    @Test
    void unitScalingAddsScaleVertex() {
        NetworkSpec network =
                NetworkSpec.defaults(Task.CLASSIFICATION, ModelType.COORDCONV)
                        .withCoordinateScaling(CoordinateScaling.UNIT_INTERVAL);
        var conf = CoordConvClassifier.configuration(network, GraphSettings.defaults(1));
        assertThat(conf.getVertices()).containsKey("scale");
    }

    @Test
    void deconvHeInitUsesOutputFanIn() {
        var conf =
                DeconvClassifier.configuration(
                        NetworkSpec.defaults(Task.CLASSIFICATION, ModelType.DECONV),
                        GraphSettings.defaults(1));
        LayerVertex vertex = (LayerVertex) conf.getVertices().get("deconv6");
        BaseLayer layer = (BaseLayer) vertex.getLayerConf().getLayer();
        NormalDistribution expected = new NormalDistribution(0, Math.sqrt(2.0 / (1 * 3 * 3)));
        assertThat(layer.getWeightInitFn()).isEqualTo(new WeightInitDistribution(expected));
    }
}

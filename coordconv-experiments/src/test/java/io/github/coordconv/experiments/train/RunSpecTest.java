package io.github.coordconv.experiments.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coordconv.experiments.data.Split;
import io.github.coordconv.experiments.models.ModelType;
import io.github.coordconv.experiments.models.Task;
import io.github.coordconv.layer.TileStyle;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunSpecTest {

    @TempDir Path directory;

    private static RunSpec classifier() {
        return RunSpec.defaults(Task.CLASSIFICATION, Split.UNIFORM, ModelType.COORDCONV);
    }

    /** Returns the classifier's spec as a JSON tree to edit. */
    private static ObjectNode tree() {
        return (ObjectNode) Json.mapper().valueToTree(classifier());
    }

    private static InvalidRunSpecException readError(ObjectNode tree) {
        return readError(tree.toString());
    }

    private static InvalidRunSpecException readError(String json) {
        try {
            RunSpec.fromJson(json, "test.json");
        } catch (InvalidRunSpecException e) {
            return e;
        }
        throw new AssertionError("Expected InvalidRunSpecException for " + json);
    }

    @Test
    void defaultsRoundTripThroughJson() {
        for (Task task : Task.values()) {
            for (Split split : Split.values()) {
                for (ModelType model : ModelType.supported(task)) {
                    RunSpec spec = RunSpec.defaults(task, split, model, Budget.QUICK);
                    assertThat(RunSpec.fromJson(spec.toJson(), "test")).isEqualTo(spec);
                }
            }
        }
    }

    @Test
    void fileRoundTripKeepsEnvironment() {
        RunSpec spec = classifier().withEnvironment(Environment.current());
        Path file = directory.resolve("spec.json");
        spec.writeJson(file);
        assertThat(RunSpec.fromJson(file)).isEqualTo(spec);
    }

    @Test
    void jsonNamesUseCommandLineNames() {
        String json =
                RunSpec.defaults(Task.REGRESSION, Split.QUADRANT, ModelType.CONV_GLOBAL_POOL)
                        .toJson();
        assertThat(json).contains("\"task\" : \"regression\"");
        assertThat(json).contains("\"split\" : \"quadrant\"");
        assertThat(json).contains("\"model\" : \"conv-gap\"");
    }

    @Test
    void toStringShowsHyperparameters() {
        String text = classifier().toString();
        assertThat(text).contains("learningRate=0.005");
        assertThat(text).contains("beta2=0.99");
        assertThat(text).contains("tileStyle=PER_CHANNEL");
        assertThat(text).contains("batchSize=16");
    }

    @Test
    void classifierDefaultsFollowReadme() {
        RunSpec spec = classifier();
        assertThat(spec.optimizer().learningRate()).isEqualTo(0.005);
        assertThat(spec.optimizer().l2()).isEqualTo(0.001);
        assertThat(spec.optimizer().beta2()).isEqualTo(0.99);
        assertThat(spec.training().batchSize()).isEqualTo(16);
        assertThat(spec.training().epochs()).isEqualTo(100);
        assertThat(spec.network().tileStyle()).isEqualTo(TileStyle.PER_CHANNEL);
    }

    @Test
    void deconvDefaultsStepEvery200Epochs() {
        RunSpec spec = RunSpec.defaults(Task.CLASSIFICATION, Split.QUADRANT, ModelType.DECONV);
        assertThat(spec.optimizer().learningRate()).isEqualTo(0.01);
        assertThat(spec.optimizer().learningRatePolicy()).isEqualTo(LearningRatePolicy.STEP);
        assertThat(spec.optimizer().stepEvery()).isEqualTo(200);
        assertThat(spec.optimizer().stepRatio()).isEqualTo(0.1);
        assertThat(spec.optimizer().maxSteps()).isEqualTo(4);
        assertThat(spec.training().epochs()).isEqualTo(1000);
        assertThat(spec.network().widthMultiplier()).isEqualTo(2);
        assertThat(spec.network().filterSize()).isEqualTo(3);
    }

    @Test
    void rendererDefaultsUseSweepFilterSize() {
        RunSpec spec = RunSpec.defaults(Task.RENDERING, Split.UNIFORM, ModelType.COORDCONV);
        assertThat(spec.network().filterSize()).isEqualTo(1);
        assertThat(spec.data().intensity()).isEqualTo(1.0);
    }

    @Test
    void regressionDefaultsFollowReadme() {
        RunSpec spec = RunSpec.defaults(Task.REGRESSION, Split.UNIFORM, ModelType.COORDCONV);
        assertThat(spec.optimizer().learningRate()).isEqualTo(0.01);
        assertThat(spec.optimizer().l2()).isEqualTo(1e-5);
        assertThat(spec.training().batchSize()).isEqualTo(256);
        assertThat(spec.training().epochs()).isEqualTo(100);
    }

    @Test
    void rejectsMalformedJson() {
        InvalidRunSpecException error = readError("{\"task\": ");
        assertThat(error).hasMessageContaining("not valid JSON");
        assertThat(error).hasMessageContaining("test.json");
    }

    @Test
    void rejectsNonObject() {
        assertThat(readError("[1, 2]")).hasMessageContaining("expected a JSON object");
    }

    @Test
    void rejectsMissingTopLevelField() {
        ObjectNode tree = tree();
        tree.remove("seed");
        InvalidRunSpecException error = readError(tree);
        assertThat(error.field()).isEqualTo("seed");
        assertThat(error).hasMessageContaining("'seed' is missing");
    }

    @Test
    void rejectsMissingNestedField() {
        ObjectNode tree = tree();
        ((ObjectNode) tree.get("optimizer")).remove("beta2");
        InvalidRunSpecException error = readError(tree);
        assertThat(error.field()).isEqualTo("optimizer.beta2");
        assertThat(error).hasMessageContaining("expected a number");
    }

    @Test
    void rejectsMissingSplitWithNames() {
        ObjectNode tree = tree();
        tree.putNull("split");
        assertThat(readError(tree)).hasMessageContaining("uniform, uniform-80-20, quadrant");
    }

    @Test
    void rejectsUnknownTask() {
        ObjectNode tree = tree();
        tree.put("task", "segmentation");
        InvalidRunSpecException error = readError(tree);
        assertThat(error).hasMessageContaining("'segmentation'");
        assertThat(error).hasMessageContaining("classification, regression, rendering");
        assertThat(error.field()).isEqualTo("task");
    }

    @Test
    void rejectsUnknownModel() {
        ObjectNode tree = tree();
        tree.put("model", "resnet");
        assertThat(readError(tree)).hasMessageContaining("coordconv, deconv, conv-dense, conv-gap");
    }

    @Test
    void rejectsUnknownSplit() {
        ObjectNode tree = tree();
        tree.put("split", "diagonal");
        InvalidRunSpecException error = readError(tree);
        assertThat(error).hasMessageContaining("'diagonal'");
        assertThat(error).hasMessageContaining("uniform, uniform-80-20, quadrant");
    }

    @Test
    void rejectsUnknownActivation() {
        ObjectNode tree = tree();
        ((ObjectNode) tree.get("network")).put("activation", "SWISHY");
        InvalidRunSpecException error = readError(tree);
        assertThat(error.field()).isEqualTo("network.activation");
        assertThat(error).hasMessageContaining("RELU");
    }

    @Test
    void rejectsUnknownField() {
        ObjectNode tree = tree();
        ((ObjectNode) tree.get("training")).put("patience", 3);
        InvalidRunSpecException error = readError(tree);
        assertThat(error).hasMessageContaining("unknown field 'training.patience'");
        assertThat(error).hasMessageContaining("batchSize");
    }

    @Test
    void rejectsWrongValueType() {
        ObjectNode tree = tree();
        ((ObjectNode) tree.get("training")).put("epochs", "many");
        InvalidRunSpecException error = readError(tree);
        assertThat(error.field()).isEqualTo("training.epochs");
        assertThat(error).hasMessageContaining("an integer");
    }

    @Test
    void rejectsModelOfOtherTask() {
        ObjectNode tree = tree();
        tree.put("model", "conv-gap");
        assertThat(readError(tree)).hasMessageContaining("not defined for task 'classification'");
    }

    @Test
    void rejectsZeroBatchSize() {
        ObjectNode tree = tree();
        ((ObjectNode) tree.get("training")).put("batchSize", 0);
        assertThat(readError(tree))
                .hasMessageContaining("training.batchSize must be at least 1, but was 0");
    }

    @Test
    void rejectsBeta2OfOne() {
        ObjectNode tree = tree();
        ((ObjectNode) tree.get("optimizer")).put("beta2", 1.0);
        assertThat(readError(tree)).hasMessageContaining("optimizer.beta2 must be in [0, 1)");
    }

    @Test
    void readsSpecWithoutEnvironment() {
        ObjectNode tree = tree();
        tree.remove("environment");
        assertThat(RunSpec.fromJson(tree.toString(), "test").environment()).isNull();
    }

    /** Specs from other versions of the library may lack environment fields or carry new ones. */
    @Test
    void readsEnvironmentWithMissingOrExtraFields() throws Exception {
        ObjectNode environment = (ObjectNode) Json.mapper().valueToTree(Environment.current());
        environment.remove("openblasCoreType");
        environment.put("fieldOfALaterVersion", "value");
        ObjectNode tree = tree();
        tree.set("environment", environment);

        Environment read = RunSpec.fromJson(tree.toString(), "test").environment();

        assertThat(read.openblasCoreType()).isNull();
        assertThat(read.cores()).isEqualTo(Environment.current().cores());
    }

    @Test
    void namesRunByTaskSplitModel() {
        RunSpec spec = RunSpec.defaults(Task.RENDERING, Split.UNIFORM_80_20, ModelType.DECONV);
        assertThat(spec.name()).isEqualTo("rendering-uniform-80-20-deconv");
    }

    @Test
    void seedZeroRejected() {
        RunSpec spec = RunSpec.defaults(Task.REGRESSION, Split.QUADRANT, ModelType.COORDCONV);

        assertThatThrownBy(() -> spec.withSeed(0))
                .isInstanceOf(InvalidRunSpecException.class)
                .hasMessageContaining("seed 0");
    }
}

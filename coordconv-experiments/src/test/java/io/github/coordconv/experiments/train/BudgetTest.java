package io.github.coordconv.experiments.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coordconv.experiments.models.ModelType;
import io.github.coordconv.experiments.models.Task;
import org.junit.jupiter.api.Test;

class BudgetTest {

    /** Returns the examples one run trains on at most, over all epochs. */
    private static long trainedExamples(TrainingSpec training, int trainSize) {
        int batches = Runner.batchesPerEpoch(trainSize, training);
        return (long) training.epochs() * batches * training.batchSize();
    }

    @Test
    void quickTrainsLessThanFull() {
        for (Task task : Task.values()) {
            for (ModelType model : ModelType.supported(task)) {
                long quick = trainedExamples(Budget.QUICK.training(task, model), 2_368);
                long full = trainedExamples(Budget.FULL.training(task, model), 2_368);
                assertThat(quick).as("%s %s", task, model).isLessThan(full / 10);
            }
        }
    }

    @Test
    void fullTrainsEveryExample() {
        TrainingSpec full = Budget.FULL.training(Task.CLASSIFICATION, ModelType.DECONV);
        assertThat(full.maxBatchesPerEpoch()).isZero();
        assertThat(full.evaluationExamples()).isZero();
        assertThat(full.stopWhenPerfect()).isFalse();
        assertThat(full.epochs()).isEqualTo(1000);
    }

    @Test
    void quickStopsWhenPerfect() {
        for (Task task : Task.values()) {
            for (ModelType model : ModelType.supported(task)) {
                assertThat(Budget.QUICK.training(task, model).stopWhenPerfect())
                        .as("%s %s", task, model)
                        .isTrue();
            }
        }
    }

    @Test
    void fromNameListsBudgets() {
        assertThatThrownBy(() -> Budget.fromName("long"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("full, quick");
    }
}

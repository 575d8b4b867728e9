package io.github.coordconv.experiments.train;

import java.util.Locale;

/**
 * Minibatches, epochs and evaluation of a run.
 *
 * @param batchSize training examples per minibatch, at least 1 (released: 16 for classification and
 *     rendering, 256 for regression)
 * @param epochs training epochs, at least 1
 * @param maxBatchesPerEpoch maximum minibatches per epoch, or 0 for a full pass over the training
 *     set. With a cap, each epoch trains on the first minibatches of its own shuffle.
 * @param evaluationExamples examples of each split evaluated after every epoch, or 0 for all. A
 *     positive value picks that many examples per split once, at random from the run seed, and
 *     keeps them for every epoch.
 * @param evaluationBatchSize examples per forward pass during evaluation, at least 1. It bounds
 *     memory, because a 64x64 model evaluated on all 3,136 examples at once takes about 9 GB.
 * @param stopWhenPerfect whether to stop after the first epoch in which the primary metric (see
 *     {@link SplitMetrics#primary}) is 1 on both splits
 */
public record TrainingSpec(
        int batchSize,
        int epochs,
        int maxBatchesPerEpoch,
        int evaluationExamples,
        int evaluationBatchSize,
        boolean stopWhenPerfect) {

    /** Default evaluation batch size; about 1 GB of activations for the deconv models. */
    public static final int DEFAULT_EVALUATION_BATCH_SIZE = 128;

    /** Checks every field. */
    public TrainingSpec {
        check(batchSize >= 1, "batchSize", "at least 1", batchSize);
        check(epochs >= 1, "epochs", "at least 1", epochs);
        check(maxBatchesPerEpoch >= 0, "maxBatchesPerEpoch", "at least 0", maxBatchesPerEpoch);
        check(evaluationExamples >= 0, "evaluationExamples", "at least 0", evaluationExamples);
        check(evaluationBatchSize >= 1, "evaluationBatchSize", "at least 1", evaluationBatchSize);
    }

    private static void check(boolean valid, String field, String expected, int value) {
        if (!valid) {
            throw new IllegalArgumentException(
                    String.format(
                            Locale.ROOT,
                            "training.%s must be %s, but was %d",
                            field,
                            expected,
                            value));
        }
    }

    /** Returns a copy with another number of epochs. */
    public TrainingSpec withEpochs(int epochs) {
        return new TrainingSpec(
                batchSize,
                epochs,
                maxBatchesPerEpoch,
                evaluationExamples,
                evaluationBatchSize,
                stopWhenPerfect);
    }

    /** Returns a copy with another minibatch size. */
    public TrainingSpec withBatchSize(int batchSize) {
        return new TrainingSpec(
                batchSize,
                epochs,
                maxBatchesPerEpoch,
                evaluationExamples,
                evaluationBatchSize,
                stopWhenPerfect);
    }

    /** Returns a copy with another cap on minibatches per epoch (0 for none). */
    public TrainingSpec withMaxBatchesPerEpoch(int maxBatchesPerEpoch) {
        return new TrainingSpec(
                batchSize,
                epochs,
                maxBatchesPerEpoch,
                evaluationExamples,
                evaluationBatchSize,
                stopWhenPerfect);
    }

    /** Returns a copy with another number of evaluated examples per split (0 for all). */
    public TrainingSpec withEvaluationExamples(int evaluationExamples) {
        return new TrainingSpec(
                batchSize,
                epochs,
                maxBatchesPerEpoch,
                evaluationExamples,
                evaluationBatchSize,
                stopWhenPerfect);
    }

    /** Returns a copy that does or does not stop at the first perfect epoch. */
    public TrainingSpec withStopWhenPerfect(boolean stopWhenPerfect) {
        return new TrainingSpec(
                batchSize,
                epochs,
                maxBatchesPerEpoch,
                evaluationExamples,
                evaluationBatchSize,
                stopWhenPerfect);
    }
}

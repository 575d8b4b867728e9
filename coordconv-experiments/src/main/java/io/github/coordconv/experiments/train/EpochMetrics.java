package io.github.coordconv.experiments.train;

/**
 * Metrics after one training epoch.
 *
 * @param epoch epoch number, counted from 1
 * @param learningRate learning rate during the epoch
 * @param batches minibatches trained in the epoch
 * @param trainingLoss mean DL4J score over the epoch's minibatches (data loss plus the L2 term, in
 *     training mode, as the weights changed)
 * @param train metrics on the train split after the epoch
 * @param test metrics on the test split after the epoch
 * @param trainingSeconds wall time of the epoch's training steps
 * @param evaluationSeconds wall time of evaluating both splits
 */
public record EpochMetrics(
        int epoch,
        double learningRate,
        int batches,
        double trainingLoss,
        SplitMetrics train,
        SplitMetrics test,
        double trainingSeconds,
        double evaluationSeconds) {}

package io.github.coordconv.experiments.train;

import io.github.coordconv.experiments.models.ModelType;
import io.github.coordconv.experiments.models.Task;
import java.util.Locale;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * Optimiser, learning-rate policy and L2 strength of a run.
 *
 * <p>Defaults ({@link #defaults(Task, ModelType)}) follow the authors' released code: Adam with
 * beta1 0.9, beta2 0.99 and epsilon 1e-8 ({@code util.py} defaults, not Adam's usual 0.999), and
 * the learning rate and L2 of the README commands (classification and rendering CoordConv 0.005 and
 * 0.001, deconv 0.01 and 0.001, regression 0.01 and 1e-5). The deconv models step the rate down by
 * 0.1 every 200 epochs, at most 4 times, as the deconv sweeps in {@code experiment_logs.sh} do over
 * their 1,000 epochs. The README's deconv commands instead run 2,000 epochs at a constant 0.01.
 *
 * @param updater the optimiser; only Adam
 * @param learningRate initial learning rate, above 0
 * @param beta1 Adam's decay rate of the gradient mean, in [0, 1)
 * @param beta2 Adam's decay rate of the squared gradient, in [0, 1)
 * @param epsilon Adam's epsilon, above 0
 * @param l2 {@code lambda} of the loss term {@code lambda * sum(w^2)} over convolution kernels (not
 *     biases), at least 0
 * @param learningRatePolicy constant or step
 * @param stepRatio factor applied at each step of the {@code step} policy, in (0, 1]
 * @param stepEvery epochs between steps of the {@code step} policy, at least 1
 * @param maxSteps most steps of the {@code step} policy, at least 0 (released default 5)
 */
public record OptimizerSpec(
        UpdaterType updater,
        double learningRate,
        double beta1,
        double beta2,
        double epsilon,
        double l2,
        LearningRatePolicy learningRatePolicy,
        double stepRatio,
        int stepEvery,
        int maxSteps) {

    /** Adam's beta2 in the released code. */
    public static final double RELEASED_BETA2 = 0.99;

    /** Default of the released {@code --lrmaxsteps}. */
    static final int RELEASED_MAX_STEPS = 5;

    /** {@code --lrmaxsteps} of the released deconv sweeps. */
    static final int SWEEP_MAX_STEPS = 4;

    /** Checks every field. */
    public OptimizerSpec {
        if (updater == null) {
            throw new IllegalArgumentException("optimizer.updater is missing: expected adam");
        }
        if (learningRatePolicy == null) {
            throw new IllegalArgumentException(
                    "optimizer.learningRatePolicy is missing: expected constant or step");
        }
        check(learningRate > 0, "learningRate", "above 0", learningRate);
        check(beta1 >= 0 && beta1 < 1, "beta1", "in [0, 1)", beta1);
        check(beta2 >= 0 && beta2 < 1, "beta2", "in [0, 1)", beta2);
        check(epsilon > 0, "epsilon", "above 0", epsilon);
        check(l2 >= 0, "l2", "at least 0", l2);
        check(stepRatio > 0 && stepRatio <= 1, "stepRatio", "in (0, 1]", stepRatio);
        check(stepEvery >= 1, "stepEvery", "at least 1", stepEvery);
        check(maxSteps >= 0, "maxSteps", "at least 0", maxSteps);
    }

    private static void check(boolean valid, String field, String expected, double value) {
        if (!valid) {
            throw new IllegalArgumentException(
                    String.format(
                            Locale.ROOT,
                            "optimizer.%s must be %s, but was %s",
                            field,
                            expected,
                            value));
        }
    }

    /** Returns the released code's optimiser settings for {@code model} on {@code task}. */
    public static OptimizerSpec defaults(Task task, ModelType model) {
        model.checkSupports(task);
        if (task == Task.REGRESSION) {
            return adam(0.01, 1e-5, LearningRatePolicy.CONSTANT, RELEASED_MAX_STEPS);
        }
        if (model == ModelType.DECONV) {
            return adam(0.01, 0.001, LearningRatePolicy.STEP, SWEEP_MAX_STEPS);
        }
        return adam(0.005, 0.001, LearningRatePolicy.CONSTANT, RELEASED_MAX_STEPS);
    }

    private static OptimizerSpec adam(
            double learningRate, double l2, LearningRatePolicy policy, int maxSteps) {
        return new OptimizerSpec(
                UpdaterType.ADAM,
                learningRate,
                0.9,
                RELEASED_BETA2,
                1e-8,
                l2,
                policy,
                0.1,
                200,
                maxSteps);
    }

    /** Returns the learning rate in {@code epoch}, counted from 0. */
    public double learningRateAt(int epoch) {
        if (learningRatePolicy == LearningRatePolicy.CONSTANT) {
            return learningRate;
        }
        int steps = Math.min(maxSteps, epoch / stepEvery);
        return learningRate * Math.pow(stepRatio, steps);
    }

    /**
     * Returns the DL4J updater. The {@code step} policy becomes a {@link MapSchedule} over epochs
     * with one entry per step, so DL4J's epoch counter drives it and {@code maxSteps} is respected.
     */
    public IUpdater toUpdater() {
        Adam.Builder adam = Adam.builder().beta1(beta1).beta2(beta2).epsilon(epsilon);
        if (learningRatePolicy == LearningRatePolicy.CONSTANT) {
            return adam.learningRate(learningRate).build();
        }
        MapSchedule.Builder schedule =
                new MapSchedule.Builder(ScheduleType.EPOCH).add(0, learningRate);
        for (int step = 1; step <= maxSteps; step++) {
            schedule.add(step * stepEvery, learningRateAt(step * stepEvery));
        }
        ISchedule built = schedule.build();
        return adam.learningRate(learningRate).learningRateSchedule(built).build();
    }

    /** Returns a copy with another initial learning rate. */
    public OptimizerSpec withLearningRate(double learningRate) {
        return new OptimizerSpec(
                updater,
                learningRate,
                beta1,
                beta2,
                epsilon,
                l2,
                learningRatePolicy,
                stepRatio,
                stepEvery,
                maxSteps);
    }

    /** Returns a copy with another L2 strength. */
    public OptimizerSpec withL2(double l2) {
        return new OptimizerSpec(
                updater,
                learningRate,
                beta1,
                beta2,
                epsilon,
                l2,
                learningRatePolicy,
                stepRatio,
                stepEvery,
                maxSteps);
    }

    /** Returns a copy with another learning-rate policy and step settings. */
    public OptimizerSpec withPolicy(
            LearningRatePolicy learningRatePolicy, double stepRatio, int stepEvery, int maxSteps) {
        return new OptimizerSpec(
                updater,
                learningRate,
                beta1,
                beta2,
                epsilon,
                l2,
                learningRatePolicy,
                stepRatio,
                stepEvery,
                maxSteps);
    }
}

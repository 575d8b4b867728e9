package io.github.coordconv.experiments.train;

import io.github.coordconv.experiments.data.NotSoClevrData;
import io.github.coordconv.experiments.data.Split;
import io.github.coordconv.experiments.models.GraphSettings;
import io.github.coordconv.experiments.models.ModelFactory;
import io.github.coordconv.experiments.models.ModelType;
import io.github.coordconv.experiments.models.NetworkSpec;
import io.github.coordconv.experiments.models.Task;
import java.nio.file.Path;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Everything that defines one training run: task, split, model, architecture options, optimiser,
 * training budget, data and seed, plus the software and machine it ran on once written by {@link
 * Runner}. {@link #toJson()} and {@link #fromJson(Path)} read and write it as JSON with every field
 * present, and {@link #toString()} lists every field too.
 *
 * <p>{@link #defaults(Task, Split, ModelType, Budget)} gives the released code's settings for a
 * (task, split, model) triple; the {@code with...} methods change single parts.
 *
 * @param task the supervised task
 * @param split train/test split of the 3,136 examples
 * @param model the CoordConv model or a baseline; must be defined for {@code task}
 * @param network architecture options; must fit {@code model}
 * @param optimizer optimiser, learning-rate policy and L2
 * @param training minibatches, epochs and evaluation
 * @param data where the data comes from
 * @param seed seed of weight initialisation, minibatch shuffling and the evaluation subset
 * @param dataType data type of parameters and activations ({@code FLOAT} by default)
 * @param environment software and machine of the run; {@code null} until {@link Runner} writes the
 *     spec
 */
public record RunSpec(
        Task task,
        Split split,
        ModelType model,
        NetworkSpec network,
        OptimizerSpec optimizer,
        TrainingSpec training,
        DataSpec data,
        long seed,
        DataType dataType,
        Environment environment) {

    /**
     * Default training seed. The released code's {@code --seed} default is 0, but ND4J 1.0.0-M2.1's
     * random generator does not repeat after {@code setSeed(0)}, so 0 is rejected.
     */
    public static final long DEFAULT_SEED = 1;

    /**
     * Checks that every part is present and that the model and architecture fit the task.
     *
     * @throws IllegalArgumentException naming the field and its valid values
     */
    public RunSpec {
        requirePresent(task, "task", Task.names());
        requirePresent(split, "split", "uniform, uniform-80-20, quadrant");
        requirePresent(model, "model", ModelType.names());
        requirePresent(network, "network", "an object");
        requirePresent(optimizer, "optimizer", "an object");
        if (seed == 0) {
            throw new InvalidRunSpecException(
                    "Invalid seed 0: ND4J 1.0.0-M2.1 draws different numbers on every run after"
                            + " setSeed(0), so runs would not repeat. Choose any other seed, for"
                            + " example "
                            + DEFAULT_SEED
                            + ".",
                    "seed",
                    null);
        }
        requirePresent(training, "training", "an object");
        requirePresent(data, "data", "an object");
        requirePresent(dataType, "dataType", "FLOAT, DOUBLE or HALF");
        if (!dataType.isFPType()) {
            throw new IllegalArgumentException(
                    "dataType must be a floating-point type (FLOAT, DOUBLE or HALF), but was "
                            + dataType);
        }
        ModelFactory.validate(task, model, network);
    }

    private static void requirePresent(Object value, String field, String validValues) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is missing: expected " + validValues);
        }
    }

    /** Returns the released code's settings for a full-length run ({@link Budget#FULL}). */
    public static RunSpec defaults(Task task, Split split, ModelType model) {
        return defaults(task, split, model, Budget.FULL);
    }

    /**
     * Returns the released code's settings for {@code model} on {@code task} and {@code split},
     * trained for {@code budget}.
     *
     * @throws IllegalArgumentException if {@code model} is not defined for {@code task}
     */
    public static RunSpec defaults(Task task, Split split, ModelType model, Budget budget) {
        model.checkSupports(task);
        return new RunSpec(
                task,
                split,
                model,
                NetworkSpec.defaults(task, model),
                OptimizerSpec.defaults(task, model),
                budget.training(task, model),
                DataSpec.defaults(task),
                DEFAULT_SEED,
                DataType.FLOAT,
                null);
    }

    /**
     * Reads a spec from a JSON file in which every field except {@code environment} is present.
     *
     * @throws InvalidRunSpecException if the file is not JSON or a field is missing, unknown or
     *     invalid. The message names the file, the field and the valid values.
     * @throws java.io.UncheckedIOException if the file cannot be read
     */
    public static RunSpec fromJson(Path file) {
        return RunSpecJson.read(file);
    }

    /**
     * Reads a spec from JSON text; {@code origin} names the text in error messages.
     *
     * @throws InvalidRunSpecException as {@link #fromJson(Path)}
     */
    public static RunSpec fromJson(String json, String origin) {
        return RunSpecJson.read(json, origin);
    }

    /** Returns this spec as indented JSON. */
    public String toJson() {
        return RunSpecJson.write(this);
    }

    /**
     * Writes this spec as JSON to {@code file}.
     *
     * @throws java.io.UncheckedIOException if writing fails
     */
    public void writeJson(Path file) {
        RunSpecJson.write(this, file);
    }

    /** Returns a file-name-safe name of the run, e.g. {@code classification-uniform-coordconv}. */
    public String name() {
        return String.format(
                Locale.ROOT, "%s-%s-%s", task.cliName(), split.cliName(), model.cliName());
    }

    /** Returns the DL4J settings of the network: seed, updater, L2 and data type. */
    public GraphSettings graphSettings() {
        return new GraphSettings(seed, optimizer.toUpdater(), optimizer.l2(), dataType);
    }

    /** Generates or reads the data this spec names. */
    public NotSoClevrData loadData() {
        return data.load(split);
    }

    /** Returns a copy with another seed. */
    public RunSpec withSeed(long seed) {
        return new RunSpec(
                task,
                split,
                model,
                network,
                optimizer,
                training,
                data,
                seed,
                dataType,
                environment);
    }

    /** Returns a copy with other architecture options. */
    public RunSpec withNetwork(NetworkSpec network) {
        return new RunSpec(
                task,
                split,
                model,
                network,
                optimizer,
                training,
                data,
                seed,
                dataType,
                environment);
    }

    /** Returns a copy with other optimiser settings. */
    public RunSpec withOptimizer(OptimizerSpec optimizer) {
        return new RunSpec(
                task,
                split,
                model,
                network,
                optimizer,
                training,
                data,
                seed,
                dataType,
                environment);
    }

    /** Returns a copy with other training settings. */
    public RunSpec withTraining(TrainingSpec training) {
        return new RunSpec(
                task,
                split,
                model,
                network,
                optimizer,
                training,
                data,
                seed,
                dataType,
                environment);
    }

    /** Returns a copy with another data source. */
    public RunSpec withData(DataSpec data) {
        return new RunSpec(
                task,
                split,
                model,
                network,
                optimizer,
                training,
                data,
                seed,
                dataType,
                environment);
    }

    /** Returns a copy with another data type. */
    public RunSpec withDataType(DataType dataType) {
        return new RunSpec(
                task,
                split,
                model,
                network,
                optimizer,
                training,
                data,
                seed,
                dataType,
                environment);
    }

    /** Returns a copy with the given environment ({@code null} to drop it). */
    public RunSpec withEnvironment(Environment environment) {
        return new RunSpec(
                task,
                split,
                model,
                network,
                optimizer,
                training,
                data,
                seed,
                dataType,
                environment);
    }
}

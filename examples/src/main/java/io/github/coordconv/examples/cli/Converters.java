package io.github.coordconv.examples.cli;

import io.github.coordconv.experiments.data.Split;
import io.github.coordconv.experiments.models.ModelType;
import io.github.coordconv.experiments.models.Task;
import io.github.coordconv.experiments.train.Budget;
import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Picocli converters from command-line names ({@code quadrant}, {@code conv-gap}) to the experiment
 * enums. An unknown name fails with the enum's own message, which names the value and lists the
 * valid ones. Picocli puts the option name in front of that message.
 */
final class Converters {

    private Converters() {}

    private static <T> T convert(String value, Function<String, T> fromName) {
        try {
            return fromName.apply(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    /** Converts {@code classification}, {@code regression} or {@code rendering}. */
    static final class TaskConverter implements ITypeConverter<Task> {
        @Override
        public Task convert(String value) {
            return Converters.convert(value, Task::fromName);
        }
    }

    /** Converts {@code uniform}, {@code uniform-80-20} or {@code quadrant}. */
    static final class SplitConverter implements ITypeConverter<Split> {
        @Override
        public Split convert(String value) {
            return Converters.convert(value, Split::fromName);
        }
    }

    /** Converts {@code coordconv}, {@code deconv}, {@code conv-dense} or {@code conv-gap}. */
    static final class ModelConverter implements ITypeConverter<ModelType> {
        @Override
        public ModelType convert(String value) {
            return Converters.convert(value, ModelType::fromName);
        }
    }

    /** Converts {@code quick} or {@code full}. */
    static final class BudgetConverter implements ITypeConverter<Budget> {
        @Override
        public Budget convert(String value) {
            return Converters.convert(value, Budget::fromName);
        }
    }

    /** Converts a port number. The range is checked later, with the option's other checks. */
    static final class PortConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                return Integer.valueOf(value.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException(
                        "'" + value + "' is not a port number. Expected a port from 1 to 65535");
            }
        }
    }
}

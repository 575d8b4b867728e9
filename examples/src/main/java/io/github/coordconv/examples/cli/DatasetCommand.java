package io.github.coordconv.examples.cli;

import io.github.coordconv.experiments.data.NotSoClevrData;
import io.github.coordconv.experiments.data.Split;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code coordconv dataset}: commands on the Not-so-Clevr data set. */
@Command(
        name = "dataset",
        mixinStandardHelpOptions = true,
        description = "Commands on the Not-so-Clevr data set.",
        subcommands = {DatasetCommand.Export.class})
final class DatasetCommand implements Runnable {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /** {@code coordconv dataset export}: writes one split as CSV and PNG files. */
    @Command(
            name = "export",
            mixinStandardHelpOptions = true,
            description = {
                "Writes DIR/train.csv and DIR/test.csv (header x,y,image: pixel column, pixel row"
                        + " and the path of a 64x64 PNG of the square) and DIR/images/.",
                "Every experiment can read such a directory with --data DIR."
            })
    static final class Export implements Callable<Integer> {

        @Option(
                names = "--split",
                defaultValue = "uniform",
                description = "uniform, uniform-80-20 or quadrant (default: ${DEFAULT-VALUE}).")
        String split;

        @Option(
                names = "--seed",
                defaultValue = "20202",
                description =
                        "Seed of the uniform and uniform-80-20 splits (default: ${DEFAULT-VALUE},"
                                + " the released code's).")
        long seed;

        @Option(
                names = "--intensity",
                defaultValue = "0.50196078431372549",
                description =
                        "Value inside the square, in (0, 1] (default: 128/255, as released;"
                                + " many ports use 1).")
        double intensity;

        @Option(names = "--force", description = "Replace the files of an earlier export.")
        boolean force;

        @Parameters(paramLabel = "DIR", description = "Directory to write.")
        Path dir;

        @Spec picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            NotSoClevrData data = NotSoClevrData.generate(Split.fromName(split), seed, intensity);
            data.export(dir, force);
            spec.commandLine()
                    .getOut()
                    .printf(
                            "Wrote %d training and %d test examples (%s) to %s%n",
                            data.train().size(),
                            data.test().size(),
                            data.source(),
                            dir.toAbsolutePath());
            return 0;
        }
    }
}

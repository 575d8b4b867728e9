package io.github.coordconv.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small Not-so-Clevr data directories in the CSV format of {@code coordconv dataset export}. */
final class DataFiles {

    private DataFiles() {}

    /**
     * Writes {@code train.csv} and {@code test.csv} with the header {@code x,y} and no images: the
     * training rows are {@code firstTrainRow} and then 39 valid centres, the test rows 10 valid
     * centres.
     */
    static Path write(Path directory, String firstTrainRow) throws IOException {
        Files.createDirectories(directory);
        StringBuilder train = new StringBuilder("x,y\n").append(firstTrainRow).append('\n');
        for (int i = 0; i < 39; i++) {
            train.append(5 + i).append(',').append(50 - i).append('\n');
        }
        StringBuilder test = new StringBuilder("x,y\n");
        for (int i = 0; i < 10; i++) {
            test.append(45 + i).append(',').append(40 + i).append('\n');
        }
        Files.writeString(directory.resolve("train.csv"), train);
        Files.writeString(directory.resolve("test.csv"), test);
        return directory;
    }
}

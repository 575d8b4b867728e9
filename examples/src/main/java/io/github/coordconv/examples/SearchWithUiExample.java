package io.github.coordconv.examples;

import io.github.coordconv.examples.ui.UiServer;
import io.github.coordconv.experiments.data.Split;
import io.github.coordconv.experiments.models.ModelType;
import io.github.coordconv.experiments.models.Task;
import io.github.coordconv.experiments.search.CandidateRecord;
import io.github.coordconv.experiments.search.Search;
import io.github.coordconv.experiments.search.SearchAxis;
import io.github.coordconv.experiments.search.SearchSettings;
import io.github.coordconv.experiments.search.SearchSpace;
import io.github.coordconv.experiments.search.SearchStrategy;
import io.github.coordconv.experiments.train.TrainingSpec;
import io.github.coordconv.layer.TileStyle;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.arbiter.ui.listener.ArbiterStatusListener;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;

/**
 * Runs a small Arbiter search over the CoordConv classifier (learning rate and tile style, 4 grid
 * points on the quadrant split) with the DL4J UI on, and prints the address of its Arbiter page.
 *
 * <p>Usage: {@code SearchWithUiExample [OUTPUT_DIR [PORT]]}, defaults {@code search-with-ui} and
 * 9000. An earlier search in OUTPUT_DIR is replaced. Each candidate trains one epoch of at most 10
 * minibatches of 16, so the search takes a few minutes on a laptop. The UI listens on 127.0.0.1
 * only and stops when Enter is pressed after the search; {@code coordconv ui --stats
 * OUTPUT_DIR/search-stats.dl4j} shows the search again later.
 */
public final class SearchWithUiExample {

    private SearchWithUiExample() {}

    public static void main(String[] args) throws IOException {
        Path output = Path.of(args.length > 0 ? args[0] : "search-with-ui");
        int port = args.length > 1 ? port(args[1]) : UiServer.DEFAULT_PORT;

        Map<SearchAxis, List<Object>> axes = new LinkedHashMap<>();
        axes.put(SearchAxis.LEARNING_RATE, List.of(0.001, 0.01));
        axes.put(SearchAxis.TILE_STYLE, List.of(TileStyle.PER_CHANNEL, TileStyle.INTERLEAVED));
        SearchSpace space = new SearchSpace("example", ModelType.COORDCONV, axes);
        TrainingSpec training = new TrainingSpec(16, 1, 10, 128, 128, false);
        SearchSettings settings =
                new SearchSettings(
                        space,
                        Task.CLASSIFICATION,
                        Split.QUADRANT,
                        SearchStrategy.GRID,
                        4,
                        0,
                        1,
                        0,
                        training);

        try (UiServer server = UiServer.start(port)) {
            System.out.println("Arbiter UI: " + server.url(UiServer.ARBITER_PAGE));

            FileStatsStorage[] storage = new FileStatsStorage[1];
            List<CandidateRecord> ranking =
                    Search.run(
                            settings,
                            output,
                            Search.ExistingDirectory.REPLACE,
                            directory -> {
                                storage[0] =
                                        new FileStatsStorage(
                                                directory.resolve(Search.STATS).toFile());
                                server.attach(storage[0]);
                                return List.of(new ArbiterStatusListener(storage[0]));
                            });

            for (CandidateRecord record : ranking) {
                System.out.printf(
                        "candidate %d: score %s, %s%n",
                        record.index(), record.score(), record.settings());
            }
            System.out.println("Press Enter to stop the UI.");
            System.in.read();
            server.detach(storage[0]);
            storage[0].close();
        }
    }

    /** Returns the port argument, or throws with the valid range when it is not a port. */
    static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // Reported below with the value.
        }
        throw new IllegalArgumentException(
                "Invalid PORT '"
                        + text
                        + "': expected a port from 1 to 65535. Usage: SearchWithUiExample"
                        + " [OUTPUT_DIR [PORT]]");
    }
}

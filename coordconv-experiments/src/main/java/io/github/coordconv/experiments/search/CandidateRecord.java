package io.github.coordconv.experiments.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.coordconv.experiments.train.Json;
import io.github.coordconv.experiments.train.RunResult;
import io.github.coordconv.experiments.train.SplitMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One candidate of a search as {@code candidate.json} and {@code search.json} list it.
 *
 * @param index Arbiter's candidate index, from 0 in generation order
 * @param status {@code complete} or {@code failed}
 * @param score final test primary metric (accuracy, exact-match rate or IoU), or {@code null} if
 *     the candidate failed
 * @param settings value of each searched axis, by axis name
 * @param parameters trainable parameters of the model, or 0 if it failed
 * @param finalTrain train metrics after the last epoch, or {@code null}
 * @param finalTest test metrics after the last epoch, or {@code null}
 * @param trainingSeconds wall time of training
 * @param runDirectory directory with the candidate's spec, model and metrics
 * @param error message of the failure, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CandidateRecord(
        int index,
        String status,
        Double score,
        Map<String, Object> settings,
        long parameters,
        SplitMetrics finalTrain,
        SplitMetrics finalTest,
        double trainingSeconds,
        String runDirectory,
        String error) {

    /** File name of a candidate's record inside its run directory. */
    public static final String FILE = "candidate.json";

    /** Status of a candidate that trained to the end. */
    public static final String COMPLETE = "complete";

    /** Status of a candidate whose training threw. */
    public static final String FAILED = "failed";

    /** Ranks by score, highest first; failed candidates last, then by index. */
    public static final Comparator<CandidateRecord> RANKING =
            Comparator.comparing(
                            (CandidateRecord r) ->
                                    r.score() == null ? Double.NEGATIVE_INFINITY : r.score(),
                            Comparator.reverseOrder())
                    .thenComparingInt(CandidateRecord::index);

    /** Returns the record of a finished candidate. */
    static CandidateRecord complete(
            int index, Map<SearchAxis, Object> settings, RunResult result, double score) {
        return new CandidateRecord(
                index,
                COMPLETE,
                score,
                names(settings),
                result.parameters(),
                result.finalTrain(),
                result.finalTest(),
                result.trainingSeconds(),
                result.runDirectory(),
                null);
    }

    /** Returns the record of a candidate that failed with {@code error}. */
    static CandidateRecord failed(
            int index, Map<SearchAxis, Object> settings, Path runDirectory, Exception error) {
        return new CandidateRecord(
                index,
                FAILED,
                null,
                names(settings),
                0,
                null,
                null,
                0,
                runDirectory.toString(),
                String.valueOf(error));
    }

    /** Reads a record written by a search. */
    public static CandidateRecord read(Path file) {
        try {
            return Json.mapper().readValue(Files.readString(file), CandidateRecord.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read candidate record " + file, e);
        }
    }

    private static Map<String, Object> names(Map<SearchAxis, Object> settings) {
        Map<String, Object> named = new LinkedHashMap<>();
        settings.forEach((axis, value) -> named.put(axis.key(), value));
        return named;
    }
}

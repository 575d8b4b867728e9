package io.github.coordconv.experiments.search;

import io.github.coordconv.experiments.data.NotSoClevrData;
import io.github.coordconv.experiments.train.RunResult;
import io.github.coordconv.experiments.train.SplitMetrics;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.CandidateGenerator;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.api.data.DataProvider;
import org.deeplearning4j.arbiter.optimize.api.data.DataSource;
import org.deeplearning4j.arbiter.optimize.api.score.ScoreFunction;

/** Small Arbiter adapters of a search: data provider, score function and sliced generator. */
final class ArbiterParts {

    private ArbiterParts() {}

    /** Provides the one data set every candidate trains on; train and test data are the same. */
    static final class DataSetProvider implements DataProvider {
        private final transient NotSoClevrData data;

        DataSetProvider(NotSoClevrData data) {
            this.data = data;
        }

        /**
         * For Arbiter's JSON reader, which the UI uses to show the search configuration. A provider
         * read back that way has no data.
         */
        private DataSetProvider() {
            this(null);
        }

        @Override
        public Object trainData(Map<String, Object> dataParameters) {
            return data;
        }

        @Override
        public Object testData(Map<String, Object> dataParameters) {
            return data;
        }

        @Override
        public Class<?> getDataType() {
            return NotSoClevrData.class;
        }

        @Override
        public String toString() {
            return "DataSetProvider(" + (data != null ? data : "no data") + ")";
        }
    }

    /**
     * Scores a {@link RunResult} by its final test primary metric (higher is better). The test
     * split is the only held-out data of the replication, so the search selects on it, as the
     * released sweeps do.
     */
    static final class FinalTestScore implements ScoreFunction {
        private final io.github.coordconv.experiments.models.Task task;

        FinalTestScore(io.github.coordconv.experiments.models.Task task) {
            this.task = task;
        }

        /** For Arbiter's JSON reader, which sets {@code task} from the field's value. */
        private FinalTestScore() {
            this(null);
        }

        double score(RunResult result) {
            return result.finalTest().primary(task);
        }

        @Override
        public double score(
                Object model, DataProvider dataProvider, Map<String, Object> dataParameters) {
            return score((RunResult) model);
        }

        @Override
        public double score(
                Object model, Class<? extends DataSource> dataSource, Properties properties) {
            return score((RunResult) model);
        }

        @Override
        public boolean minimize() {
            return false;
        }

        @Override
        public String toString() {
            String metric = task != null ? SplitMetrics.primaryName(task) : "metric";
            return "FinalTestScore(final test " + metric + ", higher is better)";
        }

        @Override
        public List<Class<?>> getSupportedModelTypes() {
            return List.of(RunResult.class);
        }

        @Override
        public List<Class<?>> getSupportedDataTypes() {
            return List.of(NotSoClevrData.class);
        }
    }

    /**
     * Skips the first {@code offset} candidates of another generator, keeping their indices, so a
     * slice of a grid trains under the same candidate numbers as the whole grid.
     */
    static final class SlicedGenerator implements CandidateGenerator {
        private final CandidateGenerator delegate;
        private final int offset;
        private boolean skipped;

        SlicedGenerator(CandidateGenerator delegate, int offset) {
            this.delegate = delegate;
            this.offset = offset;
        }

        /** For Arbiter's JSON reader, which sets the fields from their values. */
        private SlicedGenerator() {
            this(null, 0);
        }

        private void skip() {
            if (!skipped) {
                skipped = true;
                for (int i = 0; i < offset && delegate.hasMoreCandidates(); i++) {
                    delegate.getCandidate();
                }
            }
        }

        @Override
        public boolean hasMoreCandidates() {
            skip();
            return delegate.hasMoreCandidates();
        }

        @Override
        public Candidate getCandidate() {
            skip();
            return delegate.getCandidate();
        }

        @Override
        public void reportResults(OptimizationResult result) {
            delegate.reportResults(result);
        }

        @Override
        public ParameterSpace<?> getParameterSpace() {
            return delegate.getParameterSpace();
        }

        @Override
        public void setRngSeed(long seed) {
            delegate.setRngSeed(seed);
        }

        @Override
        public Class<?> getCandidateType() {
            return delegate.getCandidateType();
        }
    }
}

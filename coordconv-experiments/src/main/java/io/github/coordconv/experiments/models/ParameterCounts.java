package io.github.coordconv.experiments.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;

/**
 * Parameter counts of a graph configuration, computed from the layer configurations without
 * allocating a network.
 *
 * <p>{@link #trainable} counts what TensorFlow lists as trainable variables and what the CoordConv
 * paper reports: kernels, biases and batch-norm gamma and beta. {@link #total} equals DL4J's {@code
 * ComputationGraph.numParams()}, which also counts the batch-norm running mean and variance (2 per
 * channel) because DL4J stores them in the parameter vector.
 */
public final class ParameterCounts {

    private static final Set<String> RUNNING_STATISTICS =
            Set.of(
                    BatchNormalizationParamInitializer.GLOBAL_MEAN,
                    BatchNormalizationParamInitializer.GLOBAL_VAR,
                    BatchNormalizationParamInitializer.GLOBAL_LOG_STD);

    private ParameterCounts() {}

    /** Returns the number of trainable parameters, as TensorFlow counts them. */
    public static long trainable(ComputationGraphConfiguration configuration) {
        long count = 0;
        for (Layer layer : layers(configuration)) {
            count += layer.initializer().numParams(layer);
            if (layer instanceof BatchNormalization norm) {
                count -= runningStatistics(norm);
            }
        }
        return count;
    }

    /** Returns the number of parameters DL4J allocates, running statistics included. */
    public static long total(ComputationGraphConfiguration configuration) {
        long count = 0;
        for (Layer layer : layers(configuration)) {
            count += layer.initializer().numParams(layer);
        }
        return count;
    }

    private static long runningStatistics(BatchNormalization norm) {
        return norm.initializer().paramKeys(norm).stream()
                        .filter(RUNNING_STATISTICS::contains)
                        .count()
                * norm.getNOut();
    }

    private static List<Layer> layers(ComputationGraphConfiguration configuration) {
        List<Layer> layers = new ArrayList<>();
        for (GraphVertex vertex : configuration.getVertices().values()) {
            if (vertex instanceof LayerVertex layerVertex) {
                layers.add(layerVertex.getLayerConf().getLayer());
            }
        }
        return layers;
    }
}

package io.github.coordconv.layer;

import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's SameDiff layer implementation with two corrections, used by the parameter-free layers of
 * this package.
 *
 * <p>Gradient: in DL4J 1.0.0-M2.1 the SameDiff layer wrapper passes back exactly twice the correct
 * input gradient, in MultiLayerNetwork and ComputationGraph alike (even an identity layer does),
 * while a pure SameDiff graph with its own loss is correct. Adam hides a uniform factor of two, but
 * SGD, gradient clipping and any mixed path do not. {@link #backpropGradient} halves the input
 * gradient that the wrapper returns.
 *
 * <p>Input check: DL4J builds the SameDiff graph on the first forward pass with placeholders shaped
 * like that first input, and only then calls {@link SameDiffLayer#validateInput}, so a wrong first
 * input would leave a graph that rejects every later, correct input. {@link #activate} checks the
 * input first.
 *
 * <p>Speed: given a {@link DirectComputation}, the layer runs it instead of the SameDiff graph, and
 * the halving does not apply because the direct input gradient is correct.
 *
 * <p>NOTE: if a later DL4J release fixes the wrapper, the halving makes the input gradient half the
 * correct value. The gradient checks of this module compare against finite differences in double
 * precision and fail in that case.
 */
final class CheckedSameDiffLayer extends org.deeplearning4j.nn.layers.samediff.SameDiffLayer {

    private final DirectComputation direct;

    private CheckedSameDiffLayer(
            NeuralNetConfiguration conf, DataType dataType, DirectComputation direct) {
        super(conf, dataType);
        this.direct = direct;
        CpuSettings.logHintsOnce();
    }

    /** Returns whether this layer runs a direct computation rather than its SameDiff graph. */
    boolean runsDirectly() {
        return direct != null;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        ((SameDiffLayer) layerConf()).validateInput(input);
        if (direct != null) {
            return direct.forward(input, workspaceMgr);
        }
        return super.activate(training, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(
            INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (numParams() > 0) {
            throw new UnsupportedOperationException(
                    "CheckedSameDiffLayer only corrects the input gradient of layers without"
                            + " parameters, but layer '"
                            + layerConf().getLayerName()
                            + "' has "
                            + numParams());
        }
        if (direct != null) {
            assertInputSet(true);
            INDArray inputGradient = direct.inputGradient(input, epsilon, workspaceMgr);
            return new Pair<>(new DefaultGradient(), inputGradient);
        }
        Pair<Gradient, INDArray> gradients = super.backpropGradient(epsilon, workspaceMgr);
        // The wrapper returns a fresh copy of the input gradient, so halving in place is safe.
        gradients.getSecond().muli(0.5);
        return gradients;
    }

    /**
     * Creates the layer the same way DL4J's {@code SameDiffLayer.instantiate} does.
     *
     * @param direct the direct computation to run, or null to run the SameDiff graph
     */
    static Layer create(
            SameDiffLayer layer,
            DirectComputation direct,
            NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners,
            int layerIndex,
            INDArray layerParamsView,
            boolean initializeParams,
            DataType networkDataType) {
        return wire(
                new CheckedSameDiffLayer(conf, networkDataType, direct),
                layer,
                conf,
                trainingListeners,
                layerIndex,
                layerParamsView,
                initializeParams);
    }

    /** Sets index, parameters, configuration and listeners of a new layer, as DL4J does. */
    static <T extends org.deeplearning4j.nn.layers.samediff.SameDiffLayer> T wire(
            T created,
            SameDiffLayer layer,
            NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners,
            int layerIndex,
            INDArray layerParamsView,
            boolean initializeParams) {
        created.setIndex(layerIndex);
        created.setParamsViewArray(layerParamsView);
        Map<String, INDArray> paramTable =
                layer.initializer().init(conf, layerParamsView, initializeParams);
        created.setParamTable(paramTable);
        created.setConf(conf);
        created.setListeners(trainingListeners);
        return created;
    }
}

package io.github.coordconv.layer;

import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's SameDiff layer implementation with the input check moved before the SameDiff graph is
 * built.
 *
 * <p>DL4J builds the graph on the first forward pass with placeholders shaped like that first
 * input, and only then calls {@link SameDiffLayer#validateInput(INDArray)}. A wrong first input
 * would leave a graph that rejects every later, correct input. Checking first keeps the layer
 * usable after a rejected input.
 */
final class InputCheckingLayer extends org.deeplearning4j.nn.layers.samediff.SameDiffLayer {

    private InputCheckingLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        ((SameDiffLayer) layerConf()).validateInput(input);
        return super.activate(training, workspaceMgr);
    }

    /** Creates the layer the same way DL4J's {@code SameDiffLayer.instantiate} does. */
    static Layer create(
            SameDiffLayer layer,
            NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners,
            int layerIndex,
            INDArray layerParamsView,
            boolean initializeParams,
            DataType networkDataType) {
        InputCheckingLayer created = new InputCheckingLayer(conf, networkDataType);
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

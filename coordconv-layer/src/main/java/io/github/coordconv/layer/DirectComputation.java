package io.github.coordconv.layer;

import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A parameter-free layer's forward pass and input gradient written as direct ND4J operations.
 *
 * <p>The SameDiff layer wrapper of DL4J 1.0.0-M2.1 runs the forward graph again inside every
 * backward pass and copies arrays between its own graph and the network's workspaces; for a layer
 * that only concatenates or repeats constants, that overhead is several times the work itself.
 * {@link CheckedSameDiffLayer} runs an implementation of this interface instead of the SameDiff
 * graph unless the system property {@value #SAME_DIFF_PROPERTY} is {@code true}. The tests check
 * that both give the same outputs and gradients.
 */
interface DirectComputation {

    /** System property that makes the layers run their SameDiff graphs, for comparison. */
    String SAME_DIFF_PROPERTY = "coordconv.sameDiffGraph";

    /** Returns whether the system property requests the SameDiff graphs. */
    static boolean sameDiffRequested() {
        return Boolean.getBoolean(SAME_DIFF_PROPERTY);
    }

    /**
     * Computes the layer output for a checked input.
     *
     * @param input the layer input, already validated
     * @param workspaceMgr where the output must live ({@code ArrayType.ACTIVATIONS})
     */
    INDArray forward(INDArray input, LayerWorkspaceMgr workspaceMgr);

    /**
     * Computes the gradient of the loss with respect to the input.
     *
     * @param input the input of the last forward pass
     * @param epsilon the gradient with respect to the output
     * @param workspaceMgr where the result must live ({@code ArrayType.ACTIVATION_GRAD})
     */
    INDArray inputGradient(INDArray input, INDArray epsilon, LayerWorkspaceMgr workspaceMgr);
}

package io.github.coordconv.layer;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.same.Sign;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * Runtime of a SameDiff layer configuration with parameters whose forward pass and gradients are
 * written as direct ND4J operations: an affine map followed by an activation.
 *
 * <p>Subclasses compute the pre-activation and, from its gradient, the parameter gradients and the
 * input gradient. This class applies dropout and the activation. For ReLU and identity it takes the
 * activation's derivative from the output it kept. Other activations compute the pre-activation
 * again in the backward pass. With the system property {@value
 * DirectComputation#SAME_DIFF_PROPERTY} the layer runs the configuration's SameDiff graph instead,
 * with the gradients of DL4J's wrapper halved (see {@link CheckedSameDiffLayer}).
 */
abstract class DirectParameterLayer extends org.deeplearning4j.nn.layers.samediff.SameDiffLayer {

    private final boolean sameDiffGraph;

    /** Output of the last training forward pass, kept for the derivative of ReLU or identity. */
    private INDArray trainingOutput;

    /** A vector of ones for sums as matrix-vector products, built again when the length changes. */
    private INDArray ones;

    DirectParameterLayer(NeuralNetConfiguration conf, DataType dataType, boolean sameDiffGraph) {
        super(conf, dataType);
        this.sameDiffGraph = sameDiffGraph;
        CpuSettings.logHintsOnce();
    }

    /** Returns whether this layer runs its SameDiff graph rather than the direct operations. */
    boolean runsSameDiffGraph() {
        return sameDiffGraph;
    }

    /** Returns the activation of the configuration. */
    Activation activation() {
        return ((AffineSameDiffLayer) layerConf()).getActivation();
    }

    /**
     * Computes the pre-activation for a checked, c-ordered input into a new c-ordered array.
     *
     * @param type where the result lives: {@code ACTIVATIONS} forward, {@code BP_WORKING_MEM} when
     *     computed again for the backward pass
     */
    abstract INDArray preActivation(INDArray x, LayerWorkspaceMgr workspaceMgr, ArrayType type);

    /**
     * Writes the parameter gradients into {@code gradTable} and returns the input gradient, a new
     * c-ordered array of type {@code ACTIVATION_GRAD}.
     *
     * @param x the c-ordered input of the forward pass
     * @param delta the c-ordered gradient with respect to the pre-activation
     */
    abstract INDArray gradients(INDArray x, INDArray delta, LayerWorkspaceMgr workspaceMgr);

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        ((SameDiffLayer) layerConf()).validateInput(input);
        applyDropOutIfNecessary(training, workspaceMgr);
        if (sameDiffGraph) {
            return super.activate(training, workspaceMgr);
        }

        INDArray x = contiguous(input, workspaceMgr, ArrayType.FF_WORKING_MEM);
        INDArray output = preActivation(x, workspaceMgr, ArrayType.ACTIVATIONS);
        activationFunction().getActivation(output, training);
        boolean fromOutput = activation() == Activation.RELU || activation() == Activation.IDENTITY;
        trainingOutput = training && fromOutput ? output : null;
        return output;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(
            INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (sameDiffGraph) {
            // The wrapper doubles the input gradient (see CheckedSameDiffLayer) and, as the tests
            // of these layers show, the parameter gradients too.
            Pair<Gradient, INDArray> gradients = super.backpropGradient(epsilon, workspaceMgr);
            gradients.getFirst().gradientForVariable().values().forEach(g -> g.muli(0.5));
            INDArray inputGradient = gradients.getSecond().muli(0.5);
            return new Pair<>(gradients.getFirst(), backpropDropOutIfPresent(inputGradient));
        }

        INDArray x = contiguous(input, workspaceMgr, ArrayType.BP_WORKING_MEM);
        INDArray outputGradient = contiguous(epsilon, workspaceMgr, ArrayType.BP_WORKING_MEM);
        INDArray delta = preActivationGradient(x, outputGradient, workspaceMgr);
        trainingOutput = null;
        INDArray inputGradient = gradients(x, delta, workspaceMgr);

        Gradient gradient = new DefaultGradient();
        for (String key : paramTable.keySet()) {
            gradient.gradientForVariable().put(key, gradTable.get(key));
        }
        return new Pair<>(gradient, backpropDropOutIfPresent(inputGradient));
    }

    /** Returns dL/dz, from the kept output for ReLU and identity, else from z computed again. */
    private INDArray preActivationGradient(
            INDArray x, INDArray outputGradient, LayerWorkspaceMgr workspaceMgr) {
        boolean kept =
                trainingOutput != null
                        && Arrays.equals(trainingOutput.shape(), outputGradient.shape());
        if (kept && activation() == Activation.IDENTITY) {
            return outputGradient;
        }
        if (kept && activation() == Activation.RELU) {
            INDArray delta =
                    workspaceMgr.createUninitialized(
                            ArrayType.BP_WORKING_MEM,
                            outputGradient.dataType(),
                            outputGradient.shape(),
                            'c');
            // The output is never negative, so its sign is the ReLU derivative (0 at 0, as in
            // DL4J). For 4M floats, sign and product took about 2 ms where ND4J's relu_bp took 6
            // to 8 ms on a 2-core machine.
            Nd4j.exec(new Sign(trainingOutput, delta));
            return delta.muli(outputGradient);
        }
        INDArray z = preActivation(x, workspaceMgr, ArrayType.BP_WORKING_MEM);
        INDArray delta = activationFunction().backprop(z, outputGradient).getFirst();
        return contiguous(delta, workspaceMgr, ArrayType.BP_WORKING_MEM);
    }

    /**
     * Returns {@code matrix^T vector} as a new vector, which for a vector of ones is the column
     * sums. ND4J runs it as BLAS gemv, which took 11% to 53% of the time of {@code sum(0)} or gemm
     * here.
     */
    static INDArray columnSums(INDArray matrix, INDArray vector) {
        INDArray sums = Nd4j.createUninitialized(matrix.dataType(), matrix.size(1));
        Nd4j.getBlasWrapper().level2().gemv('f', 'N', 1.0, matrix.transpose(), vector, 0.0, sums);
        return sums;
    }

    /** Returns a vector of ones of the given length, kept outside the workspaces. */
    INDArray ones(long length, DataType type) {
        if (ones == null || ones.length() != length || ones.dataType() != type) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                ones = Nd4j.ones(type, length);
            }
        }
        return ones;
    }

    private IActivation activationFunction() {
        return activation().getActivationFunction();
    }

    /** Returns the array in the network's data type, copied only when not c-ordered. */
    private INDArray contiguous(INDArray array, LayerWorkspaceMgr workspaceMgr, ArrayType type) {
        INDArray typed = array.dataType() == dataType ? array : array.castTo(dataType);
        if (typed.ordering() == 'c' && Shape.hasDefaultStridesForShape(typed)) {
            return typed;
        }
        return workspaceMgr.dup(type, typed, 'c');
    }

    /**
     * Returns the L1 and L2 penalty of the parameters, as DL4J's {@code BaseLayer} does; DL4J's
     * SameDiff layer returns 0, which leaves the penalty out of the network's score.
     */
    @Override
    public double calcRegularizationScore(boolean backpropParamsOnly) {
        double score = 0;
        for (Map.Entry<String, INDArray> param : paramTable().entrySet()) {
            List<Regularization> regularizations =
                    layerConf().getRegularizationByParam(param.getKey());
            if (regularizations == null) {
                continue;
            }
            for (Regularization regularization : regularizations) {
                score +=
                        regularization.score(
                                param.getValue(), getIterationCount(), getEpochCount());
            }
        }
        return score;
    }

    @Override
    public void clear() {
        super.clear();
        trainingOutput = null;
    }
}

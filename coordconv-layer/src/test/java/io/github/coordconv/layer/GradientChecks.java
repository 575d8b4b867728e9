package io.github.coordconv.layer;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** Finite-difference gradient checks in double precision with DL4J's GradientCheckUtil. */
final class GradientChecks {

    static final double EPSILON = 1e-6;
    static final double MAX_RELATIVE_ERROR = 1e-5;
    static final double MIN_ABSOLUTE_ERROR = 1e-9;

    private GradientChecks() {}

    static boolean passes(MultiLayerNetwork net, INDArray input, INDArray labels) {
        return GradientCheckUtil.checkGradients(
                new GradientCheckUtil.MLNConfig()
                        .net(net)
                        .input(input)
                        .labels(labels)
                        .epsilon(EPSILON)
                        .maxRelError(MAX_RELATIVE_ERROR)
                        .minAbsoluteError(MIN_ABSOLUTE_ERROR)
                        .print(GradientCheckUtil.PrintMode.FAILURES_ONLY)
                        .exitOnFirstError(false));
    }

    static boolean passes(ComputationGraph net, INDArray input, INDArray labels) {
        return GradientCheckUtil.checkGradients(
                new GradientCheckUtil.GraphConfig()
                        .net(net)
                        .inputs(new INDArray[] {input})
                        .labels(new INDArray[] {labels})
                        .epsilon(EPSILON)
                        .maxRelError(MAX_RELATIVE_ERROR)
                        .minAbsoluteError(MIN_ABSOLUTE_ERROR)
                        .print(GradientCheckUtil.PrintMode.FAILURES_ONLY)
                        .exitOnFirstError(false));
    }

    /** Returns a copy of the network's gradient for one minibatch. */
    static Gradient gradient(MultiLayerNetwork net, DataSet data) {
        net.setInput(data.getFeatures());
        net.setLabels(data.getLabels());
        net.computeGradientAndScore();
        Gradient gradient = net.gradient();
        gradient.gradientForVariable().replaceAll((key, value) -> value.dup());
        return gradient;
    }
}

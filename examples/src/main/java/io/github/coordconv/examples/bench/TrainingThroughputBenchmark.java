package io.github.coordconv.examples.bench;

import io.github.coordconv.experiments.models.GraphSettings;
import io.github.coordconv.experiments.models.ModelFactory;
import io.github.coordconv.experiments.models.ModelType;
import io.github.coordconv.experiments.models.NetworkSpec;
import io.github.coordconv.experiments.models.Task;
import io.github.coordconv.layer.AddCoords;
import io.github.coordconv.layer.CoordConv;
import io.github.coordconv.layer.TileLayer;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Measures the training throughput (examples per second of {@code fit} on one minibatch) of every
 * paper model, and of the CoordConv classifier written with 1x1 {@code ConvolutionLayer}s as the
 * baseline measured in the same run, on random inputs and one-hot or random targets.
 *
 * <p>The models of the experiments module run the classifier's 1x1 stack as matrix products over
 * pixels; the ratio column divides each throughput by the convolution baseline's. Times depend on
 * the machine and its load, so compare ratios from one run.
 *
 * <p>Usage: {@code TrainingThroughputBenchmark [batch] [steps] [warmup]}, defaults 16, 10, 3.
 */
public final class TrainingThroughputBenchmark {

    private TrainingThroughputBenchmark() {}

    public static void main(String[] args) {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        System.out.printf(
                "Training throughput, batch %d, %d steps after %d warm-up, float32, backend %s,"
                        + " %d processors%n",
                batch,
                steps,
                warmup,
                Nd4j.getBackend().getClass().getSimpleName(),
                Runtime.getRuntime().availableProcessors());
        System.out.printf("%-44s %10s %12s %8s%n", "model", "params", "examples/s", "ratio");

        double baseline =
                measure(
                        "classification coordconv, ConvolutionLayer 1x1",
                        convolutionClassifier(),
                        Task.CLASSIFICATION,
                        batch,
                        steps,
                        warmup,
                        Double.NaN);
        List<Object[]> models = new ArrayList<>();
        for (Task task : Task.values()) {
            for (ModelType model : ModelType.supported(task)) {
                models.add(new Object[] {task, model});
            }
        }
        for (Object[] entry : models) {
            Task task = (Task) entry[0];
            ModelType model = (ModelType) entry[1];
            ComputationGraph net =
                    ModelFactory.create(
                            task,
                            model,
                            NetworkSpec.defaults(task, model),
                            GraphSettings.defaults(1));
            measure(
                    task.cliName() + " " + model.cliName(),
                    net,
                    task,
                    batch,
                    steps,
                    warmup,
                    baseline);
        }
    }

    private static double measure(
            String name,
            ComputationGraph net,
            Task task,
            int batch,
            int steps,
            int warmup,
            double baseline) {
        Nd4j.getRandom().setSeed(1);
        INDArray features =
                task.takesCoordinates()
                        ? Nd4j.rand(DataType.FLOAT, batch, 2).muli(55).addi(4)
                        : Nd4j.rand(DataType.FLOAT, ModelFactory.inputShape(task, batch));
        INDArray labels = labels(task, batch);
        DataSet data = new DataSet(features, labels);
        for (int i = 0; i < warmup; i++) {
            net.fit(data);
        }
        long start = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            net.fit(data);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double throughput = batch * steps / seconds;
        String ratio =
                Double.isNaN(baseline) ? "1.00" : String.format("%.2f", throughput / baseline);
        System.out.printf("%-44s %10d %12.1f %8s%n", name, net.numParams(), throughput, ratio);
        return throughput;
    }

    static INDArray labels(Task task, int batch) {
        if (task == Task.CLASSIFICATION) {
            INDArray oneHot = Nd4j.zeros(DataType.FLOAT, batch, 4096);
            for (int i = 0; i < batch; i++) {
                oneHot.putScalar(i, (i * 131) % 4096, 1f);
            }
            return oneHot;
        }
        if (task == Task.REGRESSION) {
            return Nd4j.rand(DataType.FLOAT, batch, 2);
        }
        // Rendering targets are the flattened 64x64 square images.
        return Nd4j.rand(DataType.FLOAT, batch, 4096).gt(0.9).castTo(DataType.FLOAT);
    }

    /** The released CoordConv classifier with 1x1 ConvolutionLayers (DL4J's im2col path). */
    private static ComputationGraph convolutionClassifier() {
        GraphBuilder graph =
                new NeuralNetConfiguration.Builder()
                        .seed(1)
                        .dataType(DataType.FLOAT)
                        .updater(new Adam(0.005, 0.9, 0.99, 1e-8))
                        .graphBuilder()
                        .addInputs("coordinates")
                        .addLayer(
                                "tile",
                                new TileLayer.Builder().height(64).width(64).build(),
                                "coordinates");
        CoordConv.addLayers(
                graph, "conv1", new AddCoords.Builder().build(), conv(32, Activation.RELU), "tile");
        graph.addLayer("conv2", conv(32, Activation.RELU), "conv1")
                .addLayer("conv3", conv(64, Activation.RELU), "conv2")
                .addLayer("conv4", conv(64, Activation.RELU), "conv3")
                .addLayer("logits", conv(1, Activation.IDENTITY), "conv4")
                .addLayer(
                        "output",
                        new LossLayer.Builder(LossFunctions.LossFunction.MCXENT)
                                .activation(Activation.SOFTMAX)
                                .build(),
                        "logits")
                .setOutputs("output")
                .setInputTypes(InputType.feedForward(2));
        ComputationGraph net = new ComputationGraph(graph.build());
        net.init();
        return net;
    }

    private static ConvolutionLayer conv(int nOut, Activation activation) {
        return new ConvolutionLayer.Builder(1, 1).nOut(nOut).activation(activation).build();
    }
}

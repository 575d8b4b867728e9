package io.github.coordconv.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Wrong input to the layers: each error names the shape received and the shape expected, and the
 * layer still works on a correct input afterwards.
 */
class InputValidationTest {

    @Test
    void wrongRankNamesBothShapes() {
        MultiLayerNetwork net = addCoordsNetwork(CNN2DFormat.NCHW);

        assertThatThrownBy(() -> net.output(Nd4j.rand(DataType.FLOAT, 2, 3, 5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, 3, 5]")
                .hasMessageContaining("[batch, 1, 3, 5]");
    }

    @Test
    void wrongChannelCountNamesBothShapes() {
        MultiLayerNetwork net = addCoordsNetwork(CNN2DFormat.NCHW);

        assertThatThrownBy(() -> net.output(Nd4j.rand(DataType.FLOAT, 2, 4, 3, 5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, 4, 3, 5]")
                .hasMessageContaining("[batch, 1, 3, 5]");
    }

    @Test
    void wrongSpatialSizeNamesBothShapes() {
        MultiLayerNetwork net = addCoordsNetwork(CNN2DFormat.NCHW);

        assertThatThrownBy(() -> net.output(Nd4j.rand(DataType.FLOAT, 2, 1, 5, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, 1, 5, 3]")
                .hasMessageContaining("[batch, 1, 3, 5]");
    }

    @Test
    void wrongFormatNamesFormat() {
        MultiLayerNetwork net = addCoordsNetwork(CNN2DFormat.NHWC);

        assertThatThrownBy(() -> net.output(Nd4j.rand(DataType.FLOAT, 2, 1, 3, 5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[batch, 3, 5, 1]")
                .hasMessageContaining("NHWC");
    }

    @Test
    void layerWorksAfterRejectedInput() {
        MultiLayerNetwork net = addCoordsNetwork(CNN2DFormat.NCHW);
        try {
            net.output(Nd4j.rand(DataType.FLOAT, 2, 1, 5, 3));
        } catch (IllegalArgumentException expected) {
            // The first input is rejected; the next, correct one must still work.
        }

        INDArray out = net.output(Nd4j.rand(DataType.FLOAT, 2, 1, 3, 5));

        assertThat(out.shape()).containsExactly(2, 3, 3, 5);
    }

    @Test
    void tileRejectsWrongVectorLength() {
        MultiLayerConfiguration conf =
                new NeuralNetConfiguration.Builder()
                        .list()
                        .layer(new TileLayer.Builder().height(2).width(2).build())
                        .setInputType(InputType.feedForward(2))
                        .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();

        assertThatThrownBy(() -> net.output(Nd4j.rand(DataType.FLOAT, 4, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[4, 3]")
                .hasMessageContaining("[batch, 2]");
    }

    @Test
    void missingInputTypeExplainsFix() {
        MultiLayerConfiguration conf =
                new NeuralNetConfiguration.Builder()
                        .list()
                        .layer(new AddCoords.Builder().build())
                        .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();

        assertThatThrownBy(() -> net.output(Nd4j.rand(DataType.FLOAT, 2, 1, 3, 5)))
                .hasMessageContaining("setInputType");
    }

    @Test
    void convolutionalInputTypeRejectedByTile() {
        NeuralNetConfiguration.ListBuilder list =
                new NeuralNetConfiguration.Builder()
                        .list()
                        .layer(new TileLayer.Builder().height(2).width(2).build())
                        .setInputType(InputType.convolutional(2, 2, 1));

        assertThatThrownBy(list::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("InputType.feedForward");
    }

    @Test
    void conflictingFormatRejected() {
        NeuralNetConfiguration.ListBuilder list =
                new NeuralNetConfiguration.Builder()
                        .list()
                        .layer(new AddCoords.Builder().dataFormat(CNN2DFormat.NHWC).build())
                        .setInputType(InputType.convolutional(3, 5, 1, CNN2DFormat.NCHW));

        assertThatThrownBy(list::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NHWC")
                .hasMessageContaining("NCHW");
    }

    @Test
    void tileWithoutSizeRejectedAtBuild() {
        assertThatThrownBy(() -> new TileLayer.Builder().height(4).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("width");
    }

    @Test
    void nonPositiveSizeRejected() {
        assertThatThrownBy(() -> new AddCoords.Builder().height(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("height")
                .hasMessageContaining("0");
    }

    @Test
    void emptyBatchRejectedInGraph() {
        ComputationGraph net = coordConvGraph();

        Throwable thrown =
                catchThrowable(() -> net.outputSingle(Nd4j.create(DataType.FLOAT, 0, 1, 3, 5)));

        assertThat(thrown).isInstanceOf(IllegalArgumentException.class);
        assertThat(thrown).hasMessageContaining("empty batch");
        assertThat(thrown).hasMessageContaining("[0, 1, 3, 5]");
    }

    @Test
    void tileRejectsEmptyBatch() {
        ComputationGraphConfiguration conf =
                new NeuralNetConfiguration.Builder()
                        .graphBuilder()
                        .addInputs("vector")
                        .addLayer(
                                "tile",
                                new TileLayer.Builder().height(2).width(2).build(),
                                "vector")
                        .setOutputs("tile")
                        .setInputTypes(InputType.feedForward(3))
                        .build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();

        Throwable thrown =
                catchThrowable(() -> net.outputSingle(Nd4j.create(DataType.FLOAT, 0, 3)));

        assertThat(thrown).isInstanceOf(IllegalArgumentException.class);
        assertThat(thrown).hasMessageContaining("empty batch");
    }

    @Test
    void unknownLengthExplainsFix() {
        MultiLayerConfiguration conf =
                new NeuralNetConfiguration.Builder()
                        .list()
                        .layer(new AddCoords1D.Builder().build())
                        .setInputType(InputType.recurrent(2))
                        .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();

        Throwable thrown = catchThrowable(() -> net.output(Nd4j.rand(DataType.FLOAT, 2, 2, 7)));

        assertThat(thrown).isInstanceOf(IllegalStateException.class);
        assertThat(thrown).hasMessageContaining("does not know its input size");
        assertThat(thrown).hasMessageContaining("InputType.recurrent(2, length, RNNFormat.NCW)");
    }

    @Test
    void tileWithoutInputTypeExplainsFix() {
        MultiLayerConfiguration conf =
                new NeuralNetConfiguration.Builder()
                        .list()
                        .layer(new TileLayer.Builder().height(2).width(2).build())
                        .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();

        Throwable thrown = catchThrowable(() -> net.output(Nd4j.rand(DataType.FLOAT, 2, 3)));

        assertThat(thrown).isInstanceOf(IllegalStateException.class);
        assertThat(thrown).hasMessageContaining("does not know its input size");
    }

    @Test
    void coordConvRejectsNullConvolution() {
        ComputationGraphConfiguration.GraphBuilder graph =
                new NeuralNetConfiguration.Builder().graphBuilder().addInputs("image");

        Throwable thrown = catchThrowable(() -> CoordConv.addLayers(graph, "conv", null, "image"));

        assertThat(thrown).isInstanceOf(IllegalArgumentException.class);
        assertThat(thrown).hasMessageContaining("convolution must not be null");
    }

    @Test
    void nullFormatRejected() {
        Throwable flat = catchThrowable(() -> new AddCoords.Builder().dataFormat(null));
        Throwable sequence = catchThrowable(() -> new AddCoords1D.Builder().dataFormat(null));
        Throwable volume = catchThrowable(() -> new AddCoords3D.Builder().dataFormat(null));

        assertThat(flat).isInstanceOf(IllegalArgumentException.class);
        assertThat(flat).hasMessageContaining("CNN2DFormat.NCHW or CNN2DFormat.NHWC");
        assertThat(flat).hasMessageContaining("leave dataFormat(...) out");
        assertThat(sequence).hasMessageContaining("RNNFormat.NCW or RNNFormat.NWC");
        assertThat(volume).hasMessageContaining("DataFormat.NCDHW or Convolution3D.DataFormat");
    }

    private static ComputationGraph coordConvGraph() {
        ComputationGraphConfiguration.GraphBuilder graph =
                new NeuralNetConfiguration.Builder().graphBuilder().addInputs("image");
        CoordConv.addLayers(
                graph, "conv", new ConvolutionLayer.Builder(1, 1).nOut(2).build(), "image");
        ComputationGraph net =
                new ComputationGraph(
                        graph.setOutputs("conv")
                                .setInputTypes(InputType.convolutional(3, 5, 1))
                                .build());
        net.init();
        return net;
    }

    private static MultiLayerNetwork addCoordsNetwork(CNN2DFormat format) {
        MultiLayerConfiguration conf =
                new NeuralNetConfiguration.Builder()
                        .list()
                        .layer(new AddCoords.Builder().build())
                        .layer(
                                new ConvolutionLayer.Builder(1, 1)
                                        .nOut(3)
                                        .dataFormat(format)
                                        .build())
                        .setInputType(InputType.convolutional(3, 5, 1, format))
                        .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }
}

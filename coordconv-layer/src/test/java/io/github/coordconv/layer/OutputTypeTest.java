package io.github.coordconv.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution3D;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.memory.MemoryUseMode;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Output type inference of each layer, and the nIn that DL4J infers for the next layer. */
class OutputTypeTest {

    @Test
    void addCoordsAddsTwoChannels() {
        InputType out =
                new AddCoords.Builder()
                        .build()
                        .getOutputType(0, InputType.convolutional(3, 5, 4, CNN2DFormat.NHWC));

        assertThat(out).isEqualTo(InputType.convolutional(3, 5, 6, CNN2DFormat.NHWC));
    }

    @Test
    void addCoordsWithRadiusAddsThreeChannels() {
        InputType out =
                new AddCoords.Builder()
                        .withRadius(true)
                        .build()
                        .getOutputType(0, InputType.convolutional(3, 5, 4));

        assertThat(out).isEqualTo(InputType.convolutional(3, 5, 7));
    }

    @Test
    void addCoords1dAddsOneChannel() {
        InputType out =
                new AddCoords1D.Builder()
                        .build()
                        .getOutputType(0, InputType.recurrent(4, 9, RNNFormat.NWC));

        assertThat(out).isEqualTo(InputType.recurrent(5, 9, RNNFormat.NWC));
    }

    @Test
    void addCoords3dAddsThreeChannels() {
        InputType out =
                new AddCoords3D.Builder()
                        .build()
                        .getOutputType(
                                0,
                                InputType.convolutional3D(
                                        Convolution3D.DataFormat.NCDHW, 2, 3, 4, 5));

        assertThat(out)
                .isEqualTo(InputType.convolutional3D(Convolution3D.DataFormat.NCDHW, 2, 3, 4, 8));
    }

    @Test
    void tilePerChannelKeepsVectorLength() {
        InputType out =
                new TileLayer.Builder()
                        .height(6)
                        .width(7)
                        .build()
                        .getOutputType(0, InputType.feedForward(3));

        assertThat(out).isEqualTo(InputType.convolutional(6, 7, 3));
    }

    @Test
    void tileInterleavedHasOneChannel() {
        InputType out =
                new TileLayer.Builder()
                        .height(6)
                        .width(7)
                        .style(TileStyle.INTERLEAVED)
                        .build()
                        .getOutputType(0, InputType.feedForward(3));

        assertThat(out).isEqualTo(InputType.convolutional(6, 7, 1));
    }

    @Test
    void listBuilderInfersConvolutionInput() {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().list();
        CoordConv.addLayers(list, new ConvolutionLayer.Builder(1, 1).nOut(8).build());
        MultiLayerConfiguration conf = list.setInputType(InputType.convolutional(3, 5, 4)).build();

        ConvolutionLayer conv = (ConvolutionLayer) conf.getConf(1).getLayer();

        assertThat(conv.getNIn()).isEqualTo(6);
    }

    @Test
    void graphBuilderInfersConvolutionInput() {
        ComputationGraphConfiguration.GraphBuilder graph =
                new NeuralNetConfiguration.Builder().graphBuilder().addInputs("in");
        CoordConv.addLayers(
                graph,
                "conv",
                new AddCoords.Builder().withRadius(true).build(),
                new ConvolutionLayer.Builder(3, 3).nOut(8).build(),
                "in");
        ComputationGraphConfiguration conf =
                graph.setOutputs("conv").setInputTypes(InputType.convolutional(3, 5, 4)).build();

        ConvolutionLayer conv =
                (ConvolutionLayer)
                        ((LayerVertex) conf.getVertices().get("conv")).getLayerConf().getLayer();

        assertThat(conv.getNIn()).isEqualTo(7);
    }

    @Test
    void convolutionalFlatInputReshaped() {
        MultiLayerConfiguration conf =
                new NeuralNetConfiguration.Builder()
                        .dataType(DataType.DOUBLE)
                        .list()
                        .layer(new AddCoords.Builder().build())
                        .setInputType(InputType.convolutionalFlat(3, 5, 1))
                        .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray flat = Nd4j.rand(DataType.DOUBLE, 2, 15);

        INDArray out = net.output(flat);

        assertThat(out.shape()).containsExactly(2, 3, 3, 5);
        INDArray passed =
                out.get(
                        NDArrayIndex.all(),
                        NDArrayIndex.interval(0, 1),
                        NDArrayIndex.all(),
                        NDArrayIndex.all());
        assertThat(passed.equalsWithEps(flat.reshape('c', 2, 1, 3, 5), 1e-12)).isTrue();
    }

    @Test
    void memoryReportCoversLayers() {
        MultiLayerConfiguration conf =
                new NeuralNetConfiguration.Builder()
                        .list()
                        .layer(
                                new TileLayer.Builder()
                                        .height(3)
                                        .width(5)
                                        .style(TileStyle.INTERLEAVED)
                                        .build())
                        .layer(new AddCoords.Builder().withRadius(true).build())
                        .layer(new ConvolutionLayer.Builder(1, 1).nOut(2).build())
                        .setInputType(InputType.feedForward(2))
                        .build();

        long bytes =
                conf.getMemoryReport(InputType.feedForward(2))
                        .getTotalMemoryBytes(
                                4, MemoryUseMode.INFERENCE, CacheMode.NONE, DataType.FLOAT);

        assertThat(bytes).isPositive();
    }

    @Test
    void graphNamesAddCoordsVertex() {
        ComputationGraphConfiguration.GraphBuilder graph =
                new NeuralNetConfiguration.Builder().graphBuilder().addInputs("in");
        CoordConv.addLayers(
                graph, "conv", new ConvolutionLayer.Builder(1, 1).nOut(2).build(), "in");
        ComputationGraphConfiguration conf =
                graph.setOutputs("conv").setInputTypes(InputType.convolutional(3, 5, 1)).build();

        assertThat(List.copyOf(conf.getVertices().keySet())).contains("conv-addcoords", "conv");
    }
}

package io.github.coordconv.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution3D;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.junit.jupiter.api.Test;

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

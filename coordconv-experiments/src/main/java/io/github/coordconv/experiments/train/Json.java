package io.github.coordconv.experiments.train;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.github.coordconv.experiments.data.Split;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The JSON mapper of run specs, run results and reports: indented output, unknown fields rejected,
 * {@code null} rejected for numbers and booleans, and {@link Split} written as its command-line
 * name ({@code uniform}, {@code uniform-80-20}, {@code quadrant}).
 */
public final class Json {

    private static final ObjectMapper MAPPER =
            JsonMapper.builder()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                    .addModule(splitModule())
                    .build();

    private Json() {}

    /** Returns the shared mapper; it is thread-safe once configured, so do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Returns {@code value} as indented JSON. */
    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "Failed to write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * Writes {@code value} as indented JSON to {@code file}, with a final newline.
     *
     * @throws UncheckedIOException if writing fails
     */
    public static void write(Object value, Path file) {
        try {
            Files.writeString(file, toJson(value) + System.lineSeparator());
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write " + file, e);
        }
    }

    private static SimpleModule splitModule() {
        SimpleModule module = new SimpleModule("not-so-clevr-split");
        module.addSerializer(
                Split.class,
                new StdSerializer<>(Split.class) {
                    @Override
                    public void serialize(
                            Split split, JsonGenerator generator, SerializerProvider provider)
                            throws IOException {
                        generator.writeString(split.cliName());
                    }
                });
        module.addDeserializer(
                Split.class,
                new StdDeserializer<>(Split.class) {
                    @Override
                    public Split deserialize(JsonParser parser, DeserializationContext context)
                            throws IOException {
                        String name = parser.getValueAsString();
                        try {
                            return Split.fromName(name);
                        } catch (IllegalArgumentException e) {
                            throw InvalidFormatException.from(
                                    parser, e.getMessage(), name, Split.class);
                        }
                    }
                });
        return module;
    }
}

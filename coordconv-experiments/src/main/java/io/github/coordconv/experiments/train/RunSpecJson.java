package io.github.coordconv.experiments.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.github.coordconv.experiments.data.Split;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads and writes {@link RunSpec} JSON. Reading checks that every field is present before binding,
 * so a missing field is reported by name with its valid values rather than as a default.
 */
final class RunSpecJson {

    /** Top-level fields that may be absent or {@code null}. */
    private static final Set<String> OPTIONAL = Set.of("environment");

    private RunSpecJson() {}

    static RunSpec read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (CharacterCodingException e) {
            throw new InvalidRunSpecException(
                    "Invalid run spec "
                            + file
                            + ": the file is not UTF-8 text. Pass a JSON file"
                            + " such as the one --print-default writes.",
                    null,
                    e);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read run spec file " + file, e);
        }
        return read(text, file.toString());
    }

    static RunSpec read(String json, String origin) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidRunSpecException(
                    String.format(
                            Locale.ROOT,
                            "Invalid run spec %s: not valid JSON at line %d, column %d: %s",
                            origin,
                            e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                            e.getLocation() == null ? 0 : e.getLocation().getColumnNr(),
                            e.getOriginalMessage()),
                    null,
                    e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRunSpecException(
                    "Invalid run spec "
                            + origin
                            + ": expected a JSON object with the fields "
                            + fieldNames(RunSpec.class),
                    null,
                    null);
        }
        checkPresent(root, RunSpec.class, "", origin);
        try {
            return Json.mapper().treeToValue(root, RunSpec.class);
        } catch (JsonMappingException e) {
            throw translate(e, origin);
        } catch (JsonProcessingException e) {
            throw new InvalidRunSpecException(
                    "Invalid run spec " + origin + ": " + e.getOriginalMessage(), null, e);
        }
    }

    static String write(RunSpec spec) {
        return Json.toJson(spec);
    }

    static void write(RunSpec spec, Path file) {
        Json.write(spec, file);
    }

    /** Throws for the first record component of {@code type} that {@code node} lacks. */
    private static void checkPresent(JsonNode node, Class<?> type, String prefix, String origin) {
        for (RecordComponent component : type.getRecordComponents()) {
            String name = component.getName();
            String path = prefix + name;
            JsonNode value = node.get(name);
            boolean absent = value == null || value.isNull();
            if (absent && prefix.isEmpty() && OPTIONAL.contains(name)) {
                continue;
            }
            if (absent) {
                throw new InvalidRunSpecException(
                        String.format(
                                Locale.ROOT,
                                "Invalid run spec %s: field '%s' is missing; expected %s",
                                origin,
                                path,
                                expectedValue(component.getType())),
                        path,
                        null);
            }
            Class<?> fieldType = component.getType();
            if (fieldType.isRecord() && fieldType != Environment.class && value.isObject()) {
                checkPresent(value, fieldType, path + ".", origin);
            }
        }
    }

    private static InvalidRunSpecException translate(JsonMappingException e, String origin) {
        String path = path(e);
        String detail;
        if (e instanceof UnrecognizedPropertyException unknown) {
            detail =
                    String.format(
                            Locale.ROOT,
                            "unknown field '%s'; valid fields here: %s",
                            path,
                            unknown.getKnownPropertyIds().stream()
                                    .map(Object::toString)
                                    .sorted()
                                    .collect(Collectors.joining(", ")));
        } else if (e instanceof ValueInstantiationException instantiation
                && instantiation.getCause() != null) {
            // Spec constructors name the field in their messages; enum factories do not.
            String message = instantiation.getCause().getMessage();
            detail =
                    path.isEmpty() || message.contains(path + ".")
                            ? message
                            : "field '" + path + "': " + message;
        } else if (e instanceof InvalidFormatException format) {
            String custom =
                    format.getTargetType() == Split.class ? format.getOriginalMessage() : null;
            detail =
                    String.format(
                            Locale.ROOT,
                            "invalid value '%s' for field '%s': %s",
                            format.getValue(),
                            path,
                            custom != null
                                    ? custom
                                    : "expected " + expectedValue(format.getTargetType()));
        } else if (e instanceof MismatchedInputException mismatch
                && mismatch.getTargetType() != null) {
            detail =
                    String.format(
                            Locale.ROOT,
                            "invalid value for field '%s': expected %s",
                            path,
                            expectedValue(mismatch.getTargetType()));
        } else {
            detail =
                    path.isEmpty()
                            ? e.getOriginalMessage()
                            : "field '" + path + "': " + e.getOriginalMessage();
        }
        return new InvalidRunSpecException(
                "Invalid run spec " + origin + ": " + detail, path.isEmpty() ? null : path, e);
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** Describes the JSON value that a field of {@code type} takes, valid names included. */
    static String expectedValue(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + enumNames(type);
        }
        if (type.isRecord()) {
            return "an object with the fields " + fieldNames(type);
        }
        if (type == int.class || type == long.class || type == Integer.class) {
            return "an integer";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list of integers";
        }
        return "a string";
    }

    /** Returns the JSON names of an enum: its {@code cliName()} values where it has them. */
    private static String enumNames(Class<?> type) {
        Object[] constants = type.getEnumConstants();
        Method cliName = null;
        try {
            cliName = type.getMethod("cliName");
        } catch (NoSuchMethodException e) {
            // Enums of DL4J and ND4J are written by constant name.
        }
        Method accessor = cliName;
        return Arrays.stream(constants)
                .map(constant -> enumName(constant, accessor))
                .collect(Collectors.joining(", "));
    }

    private static String enumName(Object constant, Method cliName) {
        if (cliName == null) {
            return ((Enum<?>) constant).name();
        }
        try {
            return (String) cliName.invoke(constant);
        } catch (ReflectiveOperationException e) {
            return ((Enum<?>) constant).name();
        }
    }

    private static String fieldNames(Class<?> recordType) {
        return Arrays.stream(recordType.getRecordComponents())
                .map(RecordComponent::getName)
                .collect(Collectors.joining(", "));
    }
}

package io.chassis.grpc.internal.gateway;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Descriptors;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.chassis.core.http.HttpProblem;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * What JsonFormat does not say well about a bad body: it reads JSON leniently (unquoted words pass)
 * and names no field on a type mismatch. So the body is first checked to be strict JSON (one
 * streaming pass, no tree), and a body JsonFormat refuses is walked against the message to name
 * the field by JSON pointer, in the words HTTP routes use.
 */
final class JsonBodies {

    private final JsonFactory factory;
    private final ObjectMapper mapper;

    JsonBodies(ObjectMapper mapper) {
        this.mapper = mapper;
        this.factory = mapper.getFactory();
    }

    /** @throws HttpProblem 400 when the body is not well-formed JSON, saying where */
    void requireWellFormed(byte[] body) {
        try (JsonParser parser = factory.createParser(body)) {
            if (parser.nextToken() == null) {
                throw HttpProblem.badRequest("Invalid JSON body: the body is empty or only whitespace.");
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw HttpProblem.badRequest("Invalid JSON body: more than one JSON value.");
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw HttpProblem.badRequest("Invalid JSON body: malformed JSON"
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()) + ".");
        } catch (IOException e) {
            throw HttpProblem.badRequest("Invalid JSON body: it cannot be read.");
        }
    }

    /**
     * @param type the message the body (or the body field's value, when {@code field} is set) fills
     * @param field the body field, or null for {@code body: "*"}
     * @return where and why the body does not fit, e.g. {@code field /amount must be a string, but was an object}; null when not found
     */
    String mismatch(Descriptors.Descriptor type, FieldDescriptor field, byte[] body) {
        try {
            JsonNode node = mapper.readTree(body);
            return field == null ? inMessage(type, node, "") : inField(field, node, "");
        } catch (IOException e) {
            return null;
        }
    }

    private static String inMessage(Descriptors.Descriptor type, JsonNode node, String pointer) {
        if (!node.isObject()) {
            return node.isNull() ? null : at(pointer, "an object", node);
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            FieldDescriptor field = FieldPaths.field(type, entry.getKey());
            if (field != null) {
                String why = inField(field, entry.getValue(), pointer + "/" + entry.getKey());
                if (why != null) {
                    return why;
                }
            }
        }
        return null;
    }

    private static String inField(FieldDescriptor field, JsonNode node, String pointer) {
        if (node.isNull()) {
            return null;
        }
        if (field.isMapField()) {
            if (!node.isObject()) {
                return at(pointer, "an object", node);
            }
            FieldDescriptor value = field.getMessageType().findFieldByName("value");
            Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> entry = entries.next();
                String why = single(value, entry.getValue(), pointer + "/" + entry.getKey());
                if (why != null) {
                    return why;
                }
            }
            return null;
        }
        if (field.isRepeated()) {
            if (!node.isArray()) {
                return at(pointer, "an array", node);
            }
            for (int i = 0; i < node.size(); i++) {
                String why = single(field, node.get(i), pointer + "/" + i);
                if (why != null) {
                    return why;
                }
            }
            return null;
        }
        return single(field, node, pointer);
    }

    private static String single(FieldDescriptor field, JsonNode node, String pointer) {
        if (node.isNull()) {
            return null;
        }
        return switch (field.getJavaType()) {
            case STRING, BYTE_STRING -> node.isTextual() ? null : at(pointer, "a string", node);
            case BOOLEAN -> node.isBoolean() || node.isTextual() ? null : at(pointer, "a boolean", node);
            case INT, LONG, FLOAT, DOUBLE -> node.isNumber() || node.isTextual() ? null : at(pointer, "a number", node);
            case ENUM ->
                node.isTextual() || node.isIntegralNumber() ? null : at(pointer, "a string (an enum name)", node);
            case MESSAGE -> message(field.getMessageType(), node, pointer);
        };
    }

    private static String message(Descriptors.Descriptor type, JsonNode node, String pointer) {
        String name = type.getFullName();
        switch (name) {
            case "google.protobuf.Timestamp",
                    "google.protobuf.Duration",
                    "google.protobuf.FieldMask",
                    "google.protobuf.StringValue",
                    "google.protobuf.BytesValue" -> {
                return node.isTextual() ? null : at(pointer, "a string", node);
            }
            case "google.protobuf.Value" -> {
                return null;
            }
            case "google.protobuf.ListValue" -> {
                return node.isArray() ? null : at(pointer, "an array", node);
            }
            case "google.protobuf.Struct", "google.protobuf.Any", "google.protobuf.Empty" -> {
                return node.isObject() ? null : at(pointer, "an object", node);
            }
            default -> {
                if (name.startsWith("google.protobuf.") && name.endsWith("Value")) {
                    return single(type.findFieldByName("value"), node, pointer);
                }
                return inMessage(type, node, pointer);
            }
        }
    }

    private static String at(String pointer, String expected, JsonNode actual) {
        return (pointer.isEmpty() ? "the body" : "field " + pointer) + " must be " + expected + ", but was "
                + kind(actual);
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            default -> "null";
        };
    }
}

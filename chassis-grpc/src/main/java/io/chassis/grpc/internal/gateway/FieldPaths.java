package io.chassis.grpc.internal.gateway;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Dotted field paths ({@code book.shelf}) into request messages, and text values (from a path
 * segment or a query parameter) set on them with the proto3 JSON rules for scalars: numbers in
 * decimal, enums by name (or number), bools as {@code true}/{@code false}, bytes in base64, the
 * well-known wrappers, Timestamp, Duration and FieldMask in their JSON string form.
 */
final class FieldPaths {

    /** Messages whose JSON form is one string or scalar, so a path segment or query value can carry them. */
    private static final Set<String> SCALAR_MESSAGES = Set.of(
            "google.protobuf.Timestamp",
            "google.protobuf.Duration",
            "google.protobuf.FieldMask",
            "google.protobuf.StringValue",
            "google.protobuf.BytesValue",
            "google.protobuf.BoolValue",
            "google.protobuf.Int32Value",
            "google.protobuf.Int64Value",
            "google.protobuf.UInt32Value",
            "google.protobuf.UInt64Value",
            "google.protobuf.FloatValue",
            "google.protobuf.DoubleValue");

    private static final JsonFormat.Parser SCALAR_PARSER = JsonFormat.parser();

    private FieldPaths() {}

    /**
     * @param message the message the path starts in
     * @param path dotted field names; each part by its proto name or its JSON (lowerCamelCase) name
     * @return the fields along the path, or null when a part names no field (or goes through a non-message)
     */
    static List<Descriptors.FieldDescriptor> resolve(Descriptors.Descriptor message, String path) {
        List<Descriptors.FieldDescriptor> fields = new ArrayList<>(2);
        Descriptors.Descriptor current = message;
        int start = 0;
        while (true) {
            if (current == null) {
                return null;
            }
            int dot = path.indexOf('.', start);
            String part = dot < 0 ? path.substring(start) : path.substring(start, dot);
            Descriptors.FieldDescriptor field = field(current, part);
            if (field == null) {
                return null;
            }
            fields.add(field);
            if (dot < 0) {
                return fields;
            }
            current = field.getJavaType() == Descriptors.FieldDescriptor.JavaType.MESSAGE && !field.isRepeated()
                    ? field.getMessageType()
                    : null;
            start = dot + 1;
        }
    }

    /** @return the field of {@code message} with that proto name or JSON name, or null */
    static Descriptors.FieldDescriptor field(Descriptors.Descriptor message, String name) {
        Descriptors.FieldDescriptor byName = message.findFieldByName(name);
        if (byName != null) {
            return byName;
        }
        for (Descriptors.FieldDescriptor field : message.getFields()) {
            if (field.getJsonName().equals(name)) {
                return field;
            }
        }
        return null;
    }

    /** @return why a path variable cannot set the last field, or null when it can */
    static String notBindable(List<Descriptors.FieldDescriptor> fields) {
        Descriptors.FieldDescriptor leaf = fields.get(fields.size() - 1);
        if (leaf.isRepeated()) {
            return "'" + leaf.getName() + "' that is repeated";
        }
        if (!settableFromText(leaf)) {
            return "'" + leaf.getName() + "' of message type "
                    + leaf.getMessageType().getFullName();
        }
        return null;
    }

    /** @return whether a text value can set the field (a scalar, an enum, or a string-like well-known type) */
    static boolean settableFromText(Descriptors.FieldDescriptor field) {
        return field.getJavaType() != Descriptors.FieldDescriptor.JavaType.MESSAGE
                || SCALAR_MESSAGES.contains(field.getMessageType().getFullName());
    }

    /**
     * Sets (or, for a repeated field, adds) the value at the end of {@code fields}.
     *
     * @throws IllegalArgumentException when the text is not a value of the field's type; the message says why
     */
    static void set(Message.Builder root, List<Descriptors.FieldDescriptor> fields, String text) {
        Message.Builder builder = root;
        for (int i = 0; i < fields.size() - 1; i++) {
            builder = builder.getFieldBuilder(fields.get(i));
        }
        Descriptors.FieldDescriptor leaf = fields.get(fields.size() - 1);
        Object value = value(builder, leaf, text);
        if (leaf.isRepeated()) {
            builder.addRepeatedField(leaf, value);
        } else {
            builder.setField(leaf, value);
        }
    }

    private static Object value(Message.Builder owner, Descriptors.FieldDescriptor field, String text) {
        try {
            return switch (field.getType()) {
                case STRING -> text;
                case INT32, SINT32, SFIXED32 -> Integer.parseInt(text);
                case UINT32, FIXED32 -> Integer.parseUnsignedInt(text);
                case INT64, SINT64, SFIXED64 -> Long.parseLong(text);
                case UINT64, FIXED64 -> Long.parseUnsignedLong(text);
                case DOUBLE -> Double.parseDouble(text);
                case FLOAT -> Float.parseFloat(text);
                case BOOL -> bool(text);
                case BYTES -> ByteString.copyFrom(bytes(text));
                case ENUM -> enumValue(field, text);
                case MESSAGE, GROUP -> scalarMessage(owner, field, text);
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be " + article(field) + ", but was '" + text + "'");
        }
    }

    private static boolean bool(String text) {
        if (text.equals("true")) {
            return true;
        }
        if (text.equals("false")) {
            return false;
        }
        throw new IllegalArgumentException("must be true or false, but was '" + text + "'");
    }

    private static byte[] bytes(String text) {
        try {
            return text.indexOf('-') >= 0 || text.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(text)
                    : Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be base64, but was '" + text + "'");
        }
    }

    private static Descriptors.EnumValueDescriptor enumValue(Descriptors.FieldDescriptor field, String text) {
        Descriptors.EnumValueDescriptor value = field.getEnumType().findValueByName(text);
        if (value == null && !text.isEmpty() && (Character.isDigit(text.charAt(0)) || text.charAt(0) == '-')) {
            try {
                value = field.getEnumType().findValueByNumber(Integer.parseInt(text));
            } catch (NumberFormatException e) {
                value = null;
            }
        }
        if (value == null) {
            List<String> names = field.getEnumType().getValues().stream()
                    .map(Descriptors.EnumValueDescriptor::getName)
                    .toList();
            throw new IllegalArgumentException("must be one of " + names + ", but was '" + text + "'");
        }
        return value;
    }

    private static Message scalarMessage(Message.Builder owner, Descriptors.FieldDescriptor field, String text) {
        Message.Builder value = owner.newBuilderForField(field);
        String json = '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        try {
            SCALAR_PARSER.merge(json, value);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw new IllegalArgumentException("must be " + article(field) + ", but was '" + text + "'");
        }
        return value.build();
    }

    private static String article(Descriptors.FieldDescriptor field) {
        String type = field.getJavaType() == Descriptors.FieldDescriptor.JavaType.MESSAGE
                ? field.getMessageType().getFullName()
                : field.getType().name().toLowerCase(java.util.Locale.ROOT);
        return "a value of type " + type;
    }
}

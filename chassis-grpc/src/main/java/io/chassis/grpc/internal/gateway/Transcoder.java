package io.chassis.grpc.internal.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Descriptors;
import com.google.protobuf.FieldMask;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.chassis.core.http.HttpProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * HTTP request to request message and response message to JSON, by the proto3 JSON mapping
 * (protobuf-java-util's {@link JsonFormat}): the body as the rule says, then the path variables,
 * then query parameters for the remaining fields; a PATCH without {@code update_mask} gets one
 * from the fields of its body.
 */
final class Transcoder {

    private final JsonFormat.Parser parser;
    private final JsonFormat.Printer printer;
    private final JsonFormat.Printer fieldPrinter;
    private final ObjectMapper mapper;
    private final JsonBodies bodies;
    private final boolean failOnUnknown;

    /**
     * @param registry resolves {@code google.protobuf.Any} in both directions
     * @param failOnUnknown {@code chassis.json.fail-on-unknown-properties}: reject unknown JSON fields and query parameters
     * @param mapper reads the body's field names for an automatic field mask
     */
    Transcoder(JsonFormat.TypeRegistry registry, boolean failOnUnknown, ObjectMapper mapper) {
        JsonFormat.Parser strict = JsonFormat.parser().usingTypeRegistry(registry);
        this.parser = failOnUnknown ? strict : strict.ignoringUnknownFields();
        this.printer = JsonFormat.printer()
                .usingTypeRegistry(registry)
                .omittingInsignificantWhitespace()
                .alwaysPrintFieldsWithNoPresence();
        this.fieldPrinter = JsonFormat.printer().usingTypeRegistry(registry).omittingInsignificantWhitespace();
        this.mapper = mapper;
        this.bodies = new JsonBodies(mapper);
        this.failOnUnknown = failOnUnknown;
    }

    /**
     * @param binding the matched binding
     * @param pathValues the template variables' values
     * @param query the query parameters
     * @param body the request body, empty when there is none
     * @return the request message
     * @throws HttpProblem 400 naming the field or parameter when a value does not fit the message
     */
    Message request(Binding binding, Map<String, String> pathValues, Map<String, Deque<String>> query, byte[] body) {
        Message.Builder builder = binding.prototype().newBuilderForType();
        if (!binding.body().isEmpty() && body.length > 0) {
            bodies.requireWellFormed(body);
            String json = new String(body, StandardCharsets.UTF_8);
            try {
                if (binding.wholeBody()) {
                    parser.merge(json, builder);
                } else {
                    // the body is the field's value: let JsonFormat read it as that field of the request
                    parser.merge("{\"" + binding.bodyField().getJsonName() + "\":" + json + "}", builder);
                }
            } catch (InvalidProtocolBufferException | RuntimeException e) {
                String where = bodies.mismatch(builder.getDescriptorForType(), binding.bodyField(), body);
                throw HttpProblem.badRequest("Invalid JSON body: " + (where != null ? where + "." : message(e)));
            }
        }
        int v = 0;
        for (String value : pathValues.values()) {
            List<Descriptors.FieldDescriptor> fields = binding.pathFields().get(v++);
            try {
                FieldPaths.set(builder, fields, value);
            } catch (IllegalArgumentException e) {
                throw HttpProblem.badRequest("Path segment for " + dotted(fields) + " " + e.getMessage() + ".");
            }
        }
        if (!binding.wholeBody()) {
            query(binding, builder, query);
        }
        if (binding.httpMethod().equals("PATCH") && body.length > 0) {
            fillUpdateMask(binding, builder, body);
        }
        return builder.build();
    }

    private void query(Binding binding, Message.Builder builder, Map<String, Deque<String>> query) {
        for (Map.Entry<String, Deque<String>> parameter : query.entrySet()) {
            String name = parameter.getKey();
            List<Descriptors.FieldDescriptor> fields = FieldPaths.resolve(builder.getDescriptorForType(), name);
            String why = fields == null
                    ? "is not a field of " + builder.getDescriptorForType().getFullName()
                    : bound(binding, fields);
            if (why == null && !FieldPaths.settableFromText(fields.get(fields.size() - 1))) {
                why = "names a message field; set its fields, e.g. " + name + ".<field>";
            }
            if (why != null) {
                if (fields == null && !failOnUnknown) {
                    continue; // tolerated, like an unknown JSON field
                }
                throw HttpProblem.badRequest("Query parameter '" + name + "' " + why + ".");
            }
            if (!fields.get(fields.size() - 1).isRepeated()
                    && parameter.getValue().size() > 1) {
                throw HttpProblem.badRequest("Query parameter '" + name + "' must be given once, but was given "
                        + parameter.getValue().size() + " times.");
            }
            for (String value : parameter.getValue()) {
                try {
                    FieldPaths.set(builder, fields, value);
                } catch (IllegalArgumentException e) {
                    throw HttpProblem.badRequest("Query parameter '" + name + "' " + e.getMessage() + ".");
                }
            }
        }
    }

    /** @return why the path's field may not come from the query (bound by the path or the body), or null */
    private static String bound(Binding binding, List<Descriptors.FieldDescriptor> fields) {
        for (List<Descriptors.FieldDescriptor> path : binding.pathFields()) {
            if (path.equals(fields)) {
                return "is bound by the path";
            }
        }
        if (binding.bodyField() != null && fields.get(0).equals(binding.bodyField())) {
            return "is bound by the body";
        }
        return null;
    }

    private void fillUpdateMask(Binding binding, Message.Builder builder, byte[] body) {
        Descriptors.FieldDescriptor mask = builder.getDescriptorForType().findFieldByName("update_mask");
        if (mask == null
                || mask.isRepeated()
                || mask.getJavaType() != Descriptors.FieldDescriptor.JavaType.MESSAGE
                || !mask.getMessageType()
                        .getFullName()
                        .equals(FieldMask.getDescriptor().getFullName())
                || builder.hasField(mask)) {
            return;
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(body);
        } catch (IOException e) {
            return; // JsonFormat accepted it; nothing to add
        }
        Descriptors.Descriptor type = binding.wholeBody()
                ? builder.getDescriptorForType()
                : binding.bodyField().getJavaType() == Descriptors.FieldDescriptor.JavaType.MESSAGE
                        ? binding.bodyField().getMessageType()
                        : null;
        if (type == null || !tree.isObject()) {
            return;
        }
        List<String> paths = new ArrayList<>();
        collect(type, tree, "", paths, binding.wholeBody() ? mask : null);
        builder.setField(mask, FieldMask.newBuilder().addAllPaths(paths).build());
    }

    /** The proto paths of the fields present in {@code node}, into nested (non-map, non-well-known) messages. */
    private static void collect(
            Descriptors.Descriptor type,
            JsonNode node,
            String prefix,
            List<String> paths,
            Descriptors.FieldDescriptor skip) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            List<Descriptors.FieldDescriptor> resolved = FieldPaths.resolve(type, entry.getKey());
            if (resolved == null || resolved.size() != 1 || resolved.get(0).equals(skip)) {
                continue;
            }
            Descriptors.FieldDescriptor field = resolved.get(0);
            String path = prefix + field.getName();
            boolean nested = field.getJavaType() == Descriptors.FieldDescriptor.JavaType.MESSAGE
                    && !field.isRepeated()
                    && !field.getMessageType().getFile().getPackage().equals("google.protobuf")
                    && entry.getValue().isObject()
                    && entry.getValue().size() > 0;
            if (nested) {
                collect(field.getMessageType(), entry.getValue(), path + ".", paths, null);
            } else {
                paths.add(path);
            }
        }
    }

    /** @return the response (or its {@code response_body} field) as JSON */
    String json(Binding binding, Message response) {
        try {
            if (binding.responseField() == null) {
                return printer.print(response);
            }
            return fieldJson(binding.responseField(), response);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(
                    "cannot render " + response.getDescriptorForType().getFullName() + " as JSON", e);
        }
    }

    private String fieldJson(Descriptors.FieldDescriptor field, Message response)
            throws InvalidProtocolBufferException {
        if (!field.isRepeated() && field.getJavaType() == Descriptors.FieldDescriptor.JavaType.MESSAGE) {
            return printer.print((Message) response.getField(field));
        }
        // a scalar, list or map: print a message holding only that field, take the value out of {"name":value}
        Message only = response.newBuilderForType()
                .setField(field, response.getField(field))
                .build();
        String whole = fieldPrinter.print(only);
        String prefix = "{\"" + field.getJsonName() + "\":";
        return whole.startsWith(prefix) ? whole.substring(prefix.length(), whole.length() - 1) : defaultJson(field);
    }

    /** The JSON of a field left at its default, which the printer leaves out. */
    private static String defaultJson(Descriptors.FieldDescriptor field) {
        if (field.isMapField()) {
            return "{}";
        }
        if (field.isRepeated()) {
            return "[]";
        }
        return switch (field.getJavaType()) {
            case STRING, BYTE_STRING -> "\"\"";
            case BOOLEAN -> "false";
            case ENUM -> "\"" + field.getEnumType().getValues().get(0).getName() + "\"";
            case LONG -> "\"0\"";
            default -> "0";
        };
    }

    private static String message(Exception e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !text.contains(cause.getMessage())) {
            text = text + ": " + cause.getMessage();
        }
        return text.endsWith(".") ? text : text + ".";
    }

    private static String dotted(List<Descriptors.FieldDescriptor> fields) {
        StringBuilder out = new StringBuilder();
        for (Descriptors.FieldDescriptor f : fields) {
            out.append(out.length() == 0 ? "" : ".").append(f.getName());
        }
        return out.toString();
    }
}

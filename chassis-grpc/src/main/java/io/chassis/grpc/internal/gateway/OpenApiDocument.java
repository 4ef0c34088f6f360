package io.chassis.grpc.internal.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.DescriptorProtos.SourceCodeInfo;
import com.google.protobuf.DescriptorProtos.SourceCodeInfo.Location;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor.JavaType;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.GenericDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Renders the OpenAPI 3.1 document of a JSON/REST gateway in front of gRPC services, from the protobuf
 * descriptors and their {@code google.api.http} bindings.
 *
 * <p>Schemas follow the proto3 JSON mapping: lowerCamelCase property names, 64-bit integers as strings,
 * enums as their value names, and well-known types as the JSON they map to (a {@code Timestamp} is a
 * date-time string, not an object). Every other message reached gets one schema in {@code
 * components.schemas}, keyed by its full proto name. Comments become descriptions when the descriptors
 * carry source info; generated Java code usually strips it, and then there are none.
 */
public final class OpenApiDocument {

    /**
     * One REST binding of a gRPC method.
     *
     * @param method the gRPC method the gateway calls
     * @param httpMethod {@code GET}, {@code POST}, {@code PUT}, {@code DELETE}, {@code PATCH} or a custom
     *     verb in upper case; OpenAPI 3.1 can describe only its eight methods, so a binding with any other
     *     verb is left out of the document
     * @param pathTemplate the google.api.http path, e.g. {@code /v1/{name=shelves/*}/books:search}
     * @param body {@code ""} (no body), {@code "*"} (the whole request message) or a top-level field of
     *     the request message
     * @param responseBody {@code ""} (the whole response message) or a top-level field of the response
     * @param serverStreaming whether the response is a stream of messages, one JSON object per line
     */
    public record Operation(
            MethodDescriptor method,
            String httpMethod,
            String pathTemplate,
            String body,
            String responseBody,
            boolean serverStreaming) {

        /** @throws NullPointerException if any argument is null */
        public Operation {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(httpMethod, "httpMethod");
            Objects.requireNonNull(pathTemplate, "pathTemplate");
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(responseBody, "responseBody");
        }
    }

    private static final String SCHEMAS = "#/components/schemas/";
    private static final String PROBLEM = "Problem";
    private static final Set<String> OPENAPI_METHODS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final Pattern FIELD_PATH = Pattern.compile("[A-Za-z_]\\w*(\\.[A-Za-z_]\\w*)*");
    private static final Set<String> WRAPPERS = Set.of(
            "google.protobuf.StringValue",
            "google.protobuf.BytesValue",
            "google.protobuf.BoolValue",
            "google.protobuf.Int32Value",
            "google.protobuf.UInt32Value",
            "google.protobuf.Int64Value",
            "google.protobuf.UInt64Value",
            "google.protobuf.FloatValue",
            "google.protobuf.DoubleValue");
    private static final Set<String> OTHER_WELL_KNOWN = Set.of(
            "google.protobuf.Timestamp",
            "google.protobuf.Duration",
            "google.protobuf.FieldMask",
            "google.protobuf.Struct",
            "google.protobuf.Value",
            "google.protobuf.ListValue",
            "google.protobuf.Empty",
            "google.protobuf.Any");

    private final ObjectMapper mapper;
    private final ObjectNode paths;
    private final ObjectNode schemas;
    private final Map<String, Optional<String>> tags = new LinkedHashMap<>();
    private final Map<FileDescriptor, Map<List<Integer>, String>> comments = new HashMap<>();
    private final Set<String> operationIds = new HashSet<>();
    private final List<String> problems = new ArrayList<>();

    private final Map<String, SourceCodeInfo> sourceInfo;

    private OpenApiDocument(ObjectMapper mapper, Map<String, SourceCodeInfo> sourceInfo) {
        this.mapper = mapper;
        this.sourceInfo = sourceInfo;
        this.paths = mapper.createObjectNode();
        this.schemas = mapper.createObjectNode();
    }

    /**
     * Renders the document of a gateway.
     *
     * @param mapper creates the JSON nodes
     * @param title the API's name, {@code info.title}
     * @param version the API's version, {@code info.version}
     * @param operations the bindings, in the order their paths and operations appear
     * @return the document; title and version go to "info"
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException listing every binding that is wrong: a path template that does not
     *     parse, a path variable, body or response body that names no suitable field, or two bindings of
     *     one method and path
     */
    public static ObjectNode render(ObjectMapper mapper, String title, String version, List<Operation> operations) {
        return render(mapper, title, version, operations, Map.of());
    }

    /**
     * As {@link #render(ObjectMapper, String, String, List)}, with comments for files whose descriptors
     * carry no source info (generated code never does).
     *
     * @param sourceInfo source info by file name, e.g. from a descriptor set written with it
     */
    public static ObjectNode render(
            ObjectMapper mapper,
            String title,
            String version,
            List<Operation> operations,
            Map<String, SourceCodeInfo> sourceInfo) {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(version, "version");
        OpenApiDocument document = new OpenApiDocument(
                Objects.requireNonNull(mapper, "mapper"), Objects.requireNonNull(sourceInfo, "sourceInfo"));
        for (Operation operation : operations) {
            try {
                document.add(operation);
            } catch (IllegalArgumentException e) {
                document.problems.add(e.getMessage());
            }
        }
        if (!document.problems.isEmpty()) {
            throw new IllegalArgumentException("OpenApiDocument: the operations have the following errors:\n  * "
                    + String.join("\n  * ", document.problems));
        }
        return document.root(title, version);
    }

    private ObjectNode root(String title, String version) {
        ObjectNode root = mapper.createObjectNode().put("openapi", "3.1.0");
        root.putObject("info").put("title", title).put("version", version);
        ArrayNode tagList = root.putArray("tags");
        tags.forEach((name, description) -> {
            ObjectNode tag = tagList.addObject().put("name", name);
            description.ifPresent(text -> tag.put("description", text));
        });
        root.set("paths", paths);
        schemas.set(PROBLEM, problem());
        root.putObject("components").set("schemas", schemas);
        return root;
    }

    private void add(Operation binding) {
        String verb = binding.httpMethod().toLowerCase(Locale.ROOT);
        if (!OPENAPI_METHODS.contains(verb)) {
            return; // OpenAPI 3.1 has no field for a custom verb: leave it out rather than fail the document
        }
        MethodDescriptor method = binding.method();
        String origin = method.getFullName();
        Template template = Template.parse(binding.pathTemplate(), origin);
        ObjectNode item = paths.has(template.path()) ? (ObjectNode) paths.get(template.path()) : null;
        if (item != null && item.has(verb)) {
            throw new IllegalArgumentException(origin + ": " + binding.httpMethod() + " " + template.path()
                    + " must be bound once, but was bound twice. Remove one of the google.api.http rules.");
        }
        FieldDescriptor bodyField = topLevelField(method.getInputType(), binding.body(), "body", origin);
        FieldDescriptor responseField =
                topLevelField(method.getOutputType(), binding.responseBody(), "response_body", origin);

        ObjectNode operation = mapper.createObjectNode();
        operation.putArray("tags").add(method.getService().getFullName());
        operation.put("operationId", operationId(method));
        comment(method).ifPresent(text -> operation.put("description", text));
        if (method.getOptions().getDeprecated()) {
            operation.put("deprecated", true);
        }
        ArrayNode parameters = parameters(binding, template, bodyField, origin);
        if (!parameters.isEmpty()) {
            operation.set("parameters", parameters);
        }
        if (!binding.body().isEmpty()) {
            operation.set("requestBody", requestBody(method.getInputType(), bodyField));
        }
        operation.set("responses", responses(binding, responseField));

        (item == null ? paths.putObject(template.path()) : item).set(verb, operation);
        ServiceDescriptor service = method.getService();
        tags.computeIfAbsent(service.getFullName(), name -> comment(service));
    }

    /** @return null for {@code ""} and {@code "*"}, else the named top-level field */
    private static FieldDescriptor topLevelField(Descriptor message, String name, String what, String origin) {
        if (name.isEmpty() || (name.equals("*") && what.equals("body"))) {
            return null;
        }
        FieldDescriptor field = message.findFieldByName(name);
        if (field == null) {
            throw new IllegalArgumentException(origin + ": " + what + " must be " + (what.equals("body") ? "'*', " : "")
                    + "'' or a field of " + message.getFullName() + ", but was '" + name
                    + "'. Fix the google.api.http rule.");
        }
        return field;
    }

    private String operationId(MethodDescriptor method) {
        String base = method.getService().getName() + "_" + method.getName();
        String id = base;
        // the first binding keeps the plain name; additional bindings (or a namesake service in another
        // package) count up, since operationId must be unique in the document
        for (int n = 2; !operationIds.add(id); n++) {
            id = base + "_" + n;
        }
        return id;
    }

    // ---- parameters

    private ArrayNode parameters(Operation binding, Template template, FieldDescriptor bodyField, String origin) {
        Descriptor input = binding.method().getInputType();
        ArrayNode parameters = mapper.createArrayNode();
        Set<String> bound = new HashSet<>();
        for (Template.Variable variable : template.variables()) {
            FieldDescriptor field = pathField(input, variable.fieldPath(), origin);
            bound.add(variable.fieldPath());
            ObjectNode parameter =
                    parameter(variable.fieldPath(), "path", field).put("required", true);
            if (!variable.pattern().equals("*")) {
                String spans =
                        variable.pattern().contains("/") || variable.pattern().contains("**")
                                ? ", so it spans several path segments and the value contains '/'"
                                : "";
                appendDescription(parameter, "Matches " + variable.pattern() + spans + ".");
            }
            parameters.add(parameter);
        }
        if (!binding.body().equals("*")) {
            if (bodyField != null) {
                bound.add(bodyField.getName());
            }
            query(input, "", "", bound, parameters, new HashSet<>());
        }
        return parameters;
    }

    /** @return the singular scalar or enum field a path variable names, e.g. {@code book.shelf} */
    private static FieldDescriptor pathField(Descriptor input, String fieldPath, String origin) {
        Descriptor message = input;
        FieldDescriptor field = null;
        for (String part : fieldPath.split("\\.")) {
            field = message == null ? null : message.findFieldByName(part);
            if (field == null) {
                break;
            }
            message = field.getJavaType() == JavaType.MESSAGE && !field.isRepeated() ? field.getMessageType() : null;
        }
        if (field == null || field.isRepeated() || field.getJavaType() == JavaType.MESSAGE) {
            throw new IllegalArgumentException(
                    origin + ": a path variable must name a singular scalar or enum field of " + input.getFullName()
                            + ", but was '" + fieldPath + "'. Fix the google.api.http rule.");
        }
        return field;
    }

    /**
     * Adds a query parameter for every field a query string can carry that the path and body leave
     * unbound, through singular nested messages.
     */
    private void query(
            Descriptor message,
            String protoPrefix,
            String jsonPrefix,
            Set<String> bound,
            ArrayNode parameters,
            Set<Descriptor> enclosing) {
        if (!enclosing.add(message)) {
            return; // a message that contains itself: its fields are already offered one level up
        }
        for (FieldDescriptor field : message.getFields()) {
            String protoPath = protoPrefix + field.getName();
            String jsonPath = jsonPrefix + field.getJsonName();
            boolean isMessage = field.getJavaType() == JavaType.MESSAGE;
            if (bound.contains(protoPath) || field.isMapField()) {
                continue;
            }
            if (isMessage && !field.isRepeated() && !wellKnown(field.getMessageType())) {
                query(field.getMessageType(), protoPath + ".", jsonPath + ".", bound, parameters, enclosing);
            } else if (!isMessage || (!field.isRepeated() && WRAPPERS.contains(fullName(field)))) {
                ObjectNode parameter = parameter(jsonPath, "query", field);
                if (field.isRepeated()) {
                    parameter.put("explode", true); // ?kinds=A&kinds=B
                }
                parameters.add(parameter);
            }
        }
        enclosing.remove(message);
    }

    private ObjectNode parameter(String name, String in, FieldDescriptor field) {
        ObjectNode parameter = mapper.createObjectNode().put("name", name).put("in", in);
        comment(field).ifPresent(text -> parameter.put("description", text));
        if (field.getOptions().getDeprecated()) {
            parameter.put("deprecated", true);
        }
        parameter.set("schema", shape(field));
        return parameter;
    }

    private static void appendDescription(ObjectNode node, String text) {
        String before = node.path("description").asText("");
        node.put("description", before.isEmpty() ? text : before + "\n\n" + text);
    }

    // ---- bodies and responses

    private ObjectNode requestBody(Descriptor input, FieldDescriptor bodyField) {
        ObjectNode body = mapper.createObjectNode();
        ObjectNode schema = bodyField == null ? typeSchema(input) : fieldSchema(bodyField);
        if (schema.has("description")) {
            body.put("description", schema.get("description").asText());
        }
        body.put("required", true);
        body.putObject("content").putObject("application/json").set("schema", schema);
        return body;
    }

    private ObjectNode responses(Operation binding, FieldDescriptor responseField) {
        Descriptor output = binding.method().getOutputType();
        String what = output.getFullName() + (responseField == null ? "" : "." + responseField.getName());
        ObjectNode responses = mapper.createObjectNode();
        ObjectNode ok = responses.putObject("200");
        ok.put(
                "description",
                binding.serverStreaming()
                        ? "A stream of " + what + ": one JSON object per line, each as the server sends it."
                        : "The " + what + ".");
        ok.putObject("content")
                .putObject(binding.serverStreaming() ? "application/x-ndjson" : "application/json")
                .set("schema", responseField == null ? typeSchema(output) : fieldSchema(responseField));
        ObjectNode failed = responses.putObject("default");
        failed.put("description", "The call failed: a problem document naming the gRPC status.");
        failed.putObject("content")
                .putObject("application/problem+json")
                .putObject("schema")
                .put("$ref", SCHEMAS + PROBLEM);
        return responses;
    }

    private ObjectNode problem() {
        ObjectNode schema = type("object");
        schema.put("description", "An RFC 9457 problem: what the gateway answers when a call fails.");
        ObjectNode properties = schema.putObject("properties");
        properties.set("type", format("string", "uri-reference"));
        properties.set("title", type("string"));
        properties.set("status", format("integer", "int32").put("description", "The HTTP status code."));
        properties.set("detail", type("string"));
        properties.set("instance", format("string", "uri-reference"));
        properties.set("requestId", type("string").put("description", "Quote it when reporting the problem."));
        ObjectNode grpcStatus = type("string").put("description", "The gRPC status code name, e.g. NOT_FOUND.");
        ArrayNode codes = grpcStatus.putArray("enum");
        for (Status.Code code : Status.Code.values()) {
            codes.add(code.name());
        }
        properties.set("grpcStatus", grpcStatus);
        ObjectNode error = type("object");
        ObjectNode errorProperties = error.putObject("properties");
        errorProperties.set("field", type("string").put("description", "The request field at fault."));
        errorProperties.set("description", type("string"));
        properties.set("errors", type("array").set("items", error));
        return schema;
    }

    // ---- schemas

    /** @return the schema of a field as the JSON mapping writes it, with the field's comment */
    private ObjectNode fieldSchema(FieldDescriptor field) {
        ObjectNode schema = shape(field);
        // the field's comment goes first; a type's own note (what a Duration looks like) stays after it
        comment(field)
                .ifPresent(text -> schema.put(
                        "description",
                        schema.has("description")
                                ? text + "\n\n" + schema.get("description").asText()
                                : text));
        if (field.getOptions().getDeprecated()) {
            schema.put("deprecated", true);
        }
        return schema;
    }

    /** @return an array for a repeated field, an object for a map, else the value's schema */
    private ObjectNode shape(FieldDescriptor field) {
        if (field.isMapField()) {
            return type("object")
                    .set(
                            "additionalProperties",
                            valueSchema(field.getMessageType().findFieldByNumber(2)));
        }
        return field.isRepeated() ? type("array").set("items", valueSchema(field)) : valueSchema(field);
    }

    private ObjectNode valueSchema(FieldDescriptor field) {
        return switch (field.getType()) {
            case INT32, SINT32, SFIXED32 -> format("integer", "int32");
            // int32 would cap them at 2^31-1
            case UINT32, FIXED32 -> format("integer", "uint32");
            // proto3 JSON writes 64-bit integers as strings: a JavaScript number would lose digits
            case INT64, SINT64, SFIXED64 -> format("string", "int64");
            case UINT64, FIXED64 -> format("string", "uint64");
            case FLOAT -> format("number", "float");
            case DOUBLE -> format("number", "double");
            case BOOL -> type("boolean");
            case STRING -> type("string");
            case BYTES -> format("string", "byte");
            case ENUM -> enumSchema(field.getEnumType());
            case MESSAGE, GROUP -> typeSchema(field.getMessageType());
        };
    }

    private ObjectNode enumSchema(EnumDescriptor type) {
        if (type.getFullName().equals("google.protobuf.NullValue")) {
            return type("null");
        }
        ObjectNode schema = type("string");
        comment(type).ifPresent(text -> schema.put("description", text));
        ArrayNode names = schema.putArray("enum");
        for (EnumValueDescriptor value : type.getValues()) {
            names.add(value.getName());
        }
        return schema;
    }

    /** @return the inline schema of a well-known type, else a reference to the message's schema */
    private ObjectNode typeSchema(Descriptor type) {
        String name = type.getFullName();
        if (WRAPPERS.contains(name)) {
            return valueSchema(type.findFieldByName("value"));
        }
        switch (name) {
            case "google.protobuf.Timestamp":
                return format("string", "date-time");
            case "google.protobuf.Duration":
                return type("string")
                        .put("pattern", "^-?[0-9]+(\\.[0-9]{1,9})?s$")
                        .put("description", "Seconds with up to nine fractional digits and an 's' suffix, e.g. 1.5s.");
            case "google.protobuf.FieldMask":
                return type("string").put("description", "Comma-separated lowerCamelCase field paths, e.g. a,b.c.");
            case "google.protobuf.Struct":
                return type("object");
            case "google.protobuf.Value":
                return mapper.createObjectNode(); // any JSON value
            case "google.protobuf.ListValue":
                return type("array");
            case "google.protobuf.Empty":
                return type("object").set("properties", mapper.createObjectNode());
            case "google.protobuf.Any":
                ObjectNode any = type("object");
                any.putObject("properties").set("@type", type("string").put("description", "The packed type's URL."));
                any.putArray("required").add("@type");
                return any;
            default:
                if (!schemas.has(name)) {
                    define(type);
                }
                return mapper.createObjectNode().put("$ref", SCHEMAS + name);
        }
    }

    private void define(Descriptor type) {
        // registered before its fields are, so a message that contains itself finds its ref and stops
        ObjectNode schema = schemas.putObject(type.getFullName()).put("type", "object");
        comment(type).ifPresent(text -> schema.put("description", text));
        ObjectNode properties = schema.putObject("properties");
        for (FieldDescriptor field : type.getFields()) {
            properties.set(field.getJsonName(), fieldSchema(field));
        }
    }

    private static boolean wellKnown(Descriptor type) {
        return WRAPPERS.contains(type.getFullName()) || OTHER_WELL_KNOWN.contains(type.getFullName());
    }

    private static String fullName(FieldDescriptor messageField) {
        return messageField.getMessageType().getFullName();
    }

    private ObjectNode type(String type) {
        return mapper.createObjectNode().put("type", type);
    }

    private ObjectNode format(String type, String format) {
        return type(type).put("format", format);
    }

    // ---- comments

    /** @return the leading comment of a service, method, message, field or enum, if the file kept it */
    private Optional<String> comment(GenericDescriptor descriptor) {
        Map<List<Integer>, String> byPath = comments.computeIfAbsent(descriptor.getFile(), this::leadingComments);
        return byPath.isEmpty() ? Optional.empty() : Optional.ofNullable(byPath.get(location(descriptor)));
    }

    private Map<List<Integer>, String> leadingComments(FileDescriptor file) {
        Map<List<Integer>, String> byPath = new HashMap<>();
        SourceCodeInfo info = file.toProto().getSourceCodeInfo();
        if (info.getLocationCount() == 0) {
            info = sourceInfo.getOrDefault(file.getName(), info);
        }
        for (Location location : info.getLocationList()) {
            String text = location.getLeadingComments()
                    .lines()
                    .map(line -> (line.startsWith(" ") ? line.substring(1) : line).stripTrailing())
                    .collect(Collectors.joining("\n"))
                    .strip();
            if (!text.isEmpty()) {
                byPath.put(List.copyOf(location.getPathList()), text);
            }
        }
        return byPath;
    }

    /** @return the descriptor's path in SourceCodeInfo, numbered by the fields of descriptor.proto */
    private static List<Integer> location(GenericDescriptor descriptor) {
        if (descriptor instanceof Descriptor message) {
            return message.getContainingType() == null
                    ? List.of(4, message.getIndex())
                    : child(location(message.getContainingType()), 3, message.getIndex());
        }
        if (descriptor instanceof FieldDescriptor field) {
            return child(location(field.getContainingType()), 2, field.getIndex());
        }
        if (descriptor instanceof EnumDescriptor type) {
            return type.getContainingType() == null
                    ? List.of(5, type.getIndex())
                    : child(location(type.getContainingType()), 4, type.getIndex());
        }
        if (descriptor instanceof MethodDescriptor method) {
            return child(location(method.getService()), 2, method.getIndex());
        }
        if (descriptor instanceof ServiceDescriptor service) {
            return List.of(6, service.getIndex());
        }
        return List.of();
    }

    private static List<Integer> child(List<Integer> parent, int kind, int index) {
        List<Integer> path = new ArrayList<>(parent);
        path.add(kind);
        path.add(index);
        return path;
    }

    /** A google.api.http path template: the OpenAPI path and the variables in it. */
    private record Template(String path, List<Variable> variables) {

        /** {@code {fieldPath=pattern}}; the pattern of a plain {@code {fieldPath}} is one segment, {@code *}. */
        record Variable(String fieldPath, String pattern) {}

        static Template parse(String template, String origin) {
            if (!template.startsWith("/")) {
                throw invalid(template, origin);
            }
            StringBuilder path = new StringBuilder();
            List<Variable> variables = new ArrayList<>();
            int at = 0;
            while (at < template.length()) {
                int open = template.indexOf('{', at);
                String literal = template.substring(at, open < 0 ? template.length() : open);
                if (literal.indexOf('}') >= 0) {
                    throw invalid(template, origin);
                }
                path.append(literal); // the literal segments, a :verb suffix included, stay as they are
                if (open < 0) {
                    break;
                }
                int close = template.indexOf('}', open);
                String inside = close < 0 ? "" : template.substring(open + 1, close);
                int equals = inside.indexOf('=');
                Variable variable = new Variable(
                        equals < 0 ? inside : inside.substring(0, equals),
                        equals < 0 ? "*" : inside.substring(equals + 1));
                if (!FIELD_PATH.matcher(variable.fieldPath()).matches()
                        || variable.pattern().isEmpty()
                        || variable.pattern().contains("{")
                        || variables.stream().anyMatch(v -> v.fieldPath().equals(variable.fieldPath()))) {
                    throw invalid(template, origin);
                }
                variables.add(variable);
                path.append('{').append(variable.fieldPath()).append('}');
                at = close + 1;
            }
            return new Template(path.toString(), List.copyOf(variables));
        }

        private static IllegalArgumentException invalid(String template, String origin) {
            return new IllegalArgumentException(origin + ": the path template must start with '/' and hold"
                    + " {field.path} or {field.path=pattern} variables, each once, but was '" + template
                    + "'. Fix the google.api.http rule.");
        }
    }
}

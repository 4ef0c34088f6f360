package io.chassis.grpc.internal.gateway;

import com.google.api.AnnotationsProto;
import com.google.api.HttpRule;
import com.google.protobuf.Descriptors;
import com.google.protobuf.Message;
import io.chassis.config.ConfigProblem;
import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.protobuf.ProtoServiceDescriptorSupplier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the {@code google.api.http} options of the registered services and checks them against
 * the messages, collecting every problem: an invalid template, a path variable or body naming a
 * field the request does not have, a rule on a client- or bidirectional-streaming method, two
 * rules for one HTTP method and path.
 */
final class HttpRules {

    /** What the rules gave: the bindings and, if any, the problems. */
    record Result(List<Binding> bindings, List<ConfigProblem> problems) {}

    private final List<Binding> bindings = new ArrayList<>();
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final Map<String, String> seen = new HashMap<>();

    private HttpRules() {}

    /**
     * @param services the services as registered (not yet intercepted)
     * @return the bindings of every rule, and the problems of the invalid ones
     */
    static Result read(List<ServerServiceDefinition> services) {
        HttpRules rules = new HttpRules();
        for (ServerServiceDefinition service : services) {
            // in the .proto's order (the definition's methods are in no order), so problems read top-down
            if (service.getServiceDescriptor().getSchemaDescriptor()
                    instanceof ProtoServiceDescriptorSupplier supplier) {
                for (Descriptors.MethodDescriptor proto :
                        supplier.getServiceDescriptor().getMethods()) {
                    ServerMethodDefinition<?, ?> definition =
                            service.getMethod(proto.getService().getFullName() + "/" + proto.getName());
                    if (definition != null) {
                        rules.method(definition.getMethodDescriptor(), proto);
                    }
                }
            }
        }
        return new Result(List.copyOf(rules.bindings), List.copyOf(rules.problems));
    }

    private void method(MethodDescriptor<?, ?> method, Descriptors.MethodDescriptor proto) {
        if (!proto.getOptions().hasExtension(AnnotationsProto.http)) {
            return;
        }
        HttpRule rule = proto.getOptions().getExtension(AnnotationsProto.http);
        if (proto.isClientStreaming()) {
            problem(
                    proto,
                    "must not have a google.api.http rule, but it is a "
                            + (proto.isServerStreaming() ? "bidirectional" : "client") + "-streaming method"
                            + ". Remove the rule: JSON/REST has no request stream; call the method over gRPC.");
            return;
        }
        rule(method, proto, rule, "");
        for (int i = 0; i < rule.getAdditionalBindingsCount(); i++) {
            HttpRule additional = rule.getAdditionalBindings(i);
            String where = " (additional_bindings[" + i + "])";
            if (additional.getAdditionalBindingsCount() > 0) {
                problem(
                        proto,
                        "must not nest additional_bindings" + where
                                + ", but it does. Move them up to the method's rule.");
            }
            rule(method, proto, additional, where);
        }
    }

    @SuppressWarnings("unchecked")
    private void rule(MethodDescriptor<?, ?> method, Descriptors.MethodDescriptor proto, HttpRule rule, String where) {
        String verb;
        String path;
        switch (rule.getPatternCase()) {
            case GET -> {
                verb = "GET";
                path = rule.getGet();
            }
            case PUT -> {
                verb = "PUT";
                path = rule.getPut();
            }
            case POST -> {
                verb = "POST";
                path = rule.getPost();
            }
            case DELETE -> {
                verb = "DELETE";
                path = rule.getDelete();
            }
            case PATCH -> {
                verb = "PATCH";
                path = rule.getPatch();
            }
            case CUSTOM -> {
                verb = rule.getCustom().getKind().toUpperCase(Locale.ROOT);
                path = rule.getCustom().getPath();
            }
            default -> {
                problem(
                        proto,
                        "must set one of get, put, post, delete, patch or custom" + where
                                + ", but sets none. Add the HTTP method and path.");
                return;
            }
        }
        PathTemplate template;
        try {
            template = PathTemplate.parse(path);
        } catch (IllegalArgumentException e) {
            problem(
                    proto,
                    "path template " + e.getMessage() + where + ", but was '" + path
                            + "'. Write it as in google/api/http.proto, e.g. /v1/{name=shelves/*}.");
            return;
        }
        Descriptors.Descriptor input = proto.getInputType();
        List<List<Descriptors.FieldDescriptor>> pathFields = new ArrayList<>();
        boolean ok = true;
        for (String variable : template.variables()) {
            List<Descriptors.FieldDescriptor> fields = FieldPaths.resolve(input, variable);
            String why =
                    fields == null ? "which " + input.getFullName() + " does not have" : FieldPaths.notBindable(fields);
            if (why != null) {
                problem(
                        proto,
                        "path variable must name a singular non-message field of the request" + where
                                + ", but '{" + variable + "}' in '" + path + "' names a field " + why
                                + ". Use a field of " + input.getFullName() + ".");
                ok = false;
            }
            pathFields.add(fields);
        }
        String body = rule.getBody();
        Descriptors.FieldDescriptor bodyField = null;
        if (!body.isEmpty() && !body.equals("*")) {
            bodyField = input.findFieldByName(body);
            if (bodyField == null) {
                problem(
                        proto,
                        "body must be '*' or a top-level field of " + input.getFullName() + where + ", but was '" + body
                                + "'. Name one of its fields.");
                ok = false;
            }
        }
        if (!body.isEmpty() && verb.equals("GET")) {
            problem(
                    proto,
                    "GET must not have a body" + where + ", but the rule sets body: '" + body
                            + "'. Remove body, or use POST.");
            ok = false;
        }
        Descriptors.FieldDescriptor responseField = null;
        if (!rule.getResponseBody().isEmpty()) {
            responseField = proto.getOutputType().findFieldByName(rule.getResponseBody());
            if (responseField == null) {
                problem(
                        proto,
                        "response_body must be a top-level field of "
                                + proto.getOutputType().getFullName() + where + ", but was '" + rule.getResponseBody()
                                + "'. Name one of its fields.");
                ok = false;
            }
        }
        String key = verb + " " + shape(template);
        String name = proto.getService().getFullName() + "/" + proto.getName();
        String other = seen.putIfAbsent(key, name);
        if (other != null) {
            problem(
                    proto,
                    "must not bind " + verb + " " + path + where + " again, but "
                            + (other.equals(name) ? "it does so twice" : other + " binds it already")
                            + ". Give one of them another path.");
            ok = false;
        }
        if (!ok || !(method.getRequestMarshaller() instanceof MethodDescriptor.PrototypeMarshaller<?> prototype)) {
            return;
        }
        bindings.add(new Binding(
                (MethodDescriptor<Message, Message>) method,
                proto,
                verb,
                template,
                List.copyOf(pathFields),
                body,
                bodyField,
                responseField,
                (Message) prototype.getMessagePrototype()));
    }

    /** The template's routing shape: variable names left out. */
    private static String shape(PathTemplate template) {
        return template.routerTemplate().replaceAll("\\{[^}]*}", "{}") + verbOf(template.source());
    }

    private static String verbOf(String path) {
        int colon = path.lastIndexOf(':');
        return colon > path.lastIndexOf('}') && colon > path.lastIndexOf('/') ? path.substring(colon) : "";
    }

    private void problem(Descriptors.MethodDescriptor proto, String message) {
        problems.add(new ConfigProblem(
                proto.getFile().getName(),
                proto.getService().getFullName() + "/" + proto.getName() + " (google.api.http)",
                message));
    }
}

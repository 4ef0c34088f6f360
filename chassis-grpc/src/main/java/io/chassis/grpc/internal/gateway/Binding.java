package io.chassis.grpc.internal.gateway;

import com.google.protobuf.Descriptors;
import com.google.protobuf.Message;
import io.grpc.MethodDescriptor;
import java.util.List;

/**
 * One REST binding of a gRPC method, resolved against its descriptors at startup.
 *
 * @param method the gRPC method, called through the in-process channel
 * @param proto its protobuf descriptor
 * @param httpMethod upper case, e.g. {@code GET}, or a custom verb
 * @param template the path template
 * @param pathFields the fields each template variable sets, in the template's order
 * @param body {@code ""} (none), {@code "*"} (the whole request) or a top-level field name
 * @param bodyField the field of a named body, else null
 * @param responseField the field sent instead of the whole response ({@code response_body}), else null
 * @param prototype the request message's default instance
 */
record Binding(
        MethodDescriptor<Message, Message> method,
        Descriptors.MethodDescriptor proto,
        String httpMethod,
        PathTemplate template,
        List<List<Descriptors.FieldDescriptor>> pathFields,
        String body,
        Descriptors.FieldDescriptor bodyField,
        Descriptors.FieldDescriptor responseField,
        Message prototype) {

    boolean streaming() {
        return proto.isServerStreaming();
    }

    boolean wholeBody() {
        return body.equals("*");
    }

    /** @return e.g. {@code currency.v1.CurrencyService/GetRate} */
    String fullMethodName() {
        return method.getFullMethodName();
    }
}

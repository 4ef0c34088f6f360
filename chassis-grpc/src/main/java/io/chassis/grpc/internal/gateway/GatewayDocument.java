package io.chassis.grpc.internal.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.google.protobuf.DescriptorProtos.SourceCodeInfo;
import io.chassis.core.spi.ModuleContext;
import java.util.List;
import java.util.Map;

/** Serves the gateway's OpenAPI 3.1 document on the admin port at {@code /openapi.json}, rendered once at startup. */
public final class GatewayDocument {

    private GatewayDocument() {}

    /**
     * @param context where the admin route goes
     * @param gateway the bound gateway
     * @param sourceInfo comments of .proto files the descriptors themselves lack, by file name
     */
    public static void serve(ModuleContext context, Gateway gateway, Map<String, SourceCodeInfo> sourceInfo) {
        List<OpenApiDocument.Operation> operations = gateway.bindings().stream()
                .map(b -> new OpenApiDocument.Operation(
                        b.proto(),
                        b.httpMethod(),
                        b.template().source(),
                        b.body(),
                        b.responseField() == null ? "" : b.responseField().getName(),
                        b.streaming()))
                .toList();
        String json;
        try {
            json = context.json()
                    .writeValueAsString(OpenApiDocument.render(
                            context.json(),
                            context.service().name(),
                            context.service().version(),
                            operations,
                            sourceInfo));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the OpenAPI document", e);
        }
        context.admin().get("/openapi.json", ctx -> {
            ctx.result("application/json", json);
            return null;
        });
    }
}

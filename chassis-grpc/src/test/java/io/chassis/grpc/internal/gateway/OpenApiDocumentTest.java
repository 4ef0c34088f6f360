package io.chassis.grpc.internal.gateway;

import static com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type.TYPE_BOOL;
import static com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type.TYPE_BYTES;
import static com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type.TYPE_DOUBLE;
import static com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type.TYPE_ENUM;
import static com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type.TYPE_FLOAT;
import static com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type.TYPE_INT32;
import static com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type.TYPE_INT64;
import static com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type.TYPE_MESSAGE;
import static com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type.TYPE_STRING;
import static com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type.TYPE_UINT32;
import static com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type.TYPE_UINT64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.AnyProto;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MessageOptions;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.DescriptorProtos.SourceCodeInfo;
import com.google.protobuf.DescriptorProtos.SourceCodeInfo.Location;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DurationProto;
import com.google.protobuf.EmptyProto;
import com.google.protobuf.FieldMaskProto;
import com.google.protobuf.StructProto;
import com.google.protobuf.TimestampProto;
import com.google.protobuf.WrappersProto;
import io.chassis.grpc.internal.gateway.OpenApiDocument.Operation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The OpenAPI document of a currency service's REST bindings, built from hand-made descriptors. */
class OpenApiDocumentTest {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String RATES = "/v1/rates/{base}/{quote}";

    final FileDescriptor file = currencyProto(SourceCodeInfo.getDefaultInstance());
    final ObjectNode document = OpenApiDocument.render(MAPPER, "Currency", "1.2.0", operations(file));

    @Test
    void rendersTemplateVariablesAsRequiredPathParameters() {
        JsonNode base = parameter(operation(RATES, "get"), "base");
        JsonNode pairBase = parameter(operation("/v1/pairs/{pair.base}/{pair.quote}", "delete"), "pair.base");

        assertThat(base.get("in").asText()).isEqualTo("path");
        assertThat(base.get("required").asBoolean()).isTrue();
        assertThat(base.at("/schema/type").asText()).isEqualTo("string");
        assertThat(pairBase.get("in").asText()).isEqualTo("path");
        assertThat(parameterNames(operation(RATES, "get"))).startsWith("base", "quote");
    }

    @Test
    void namesAMultiSegmentVariableByItsFieldAndKeepsTheVerbLiteral() {
        JsonNode update = parameter(operation("/v1/{name}", "patch"), "name");
        JsonNode cancel = parameter(operation("/v1/{name}:cancel", "post"), "name");

        assertThat(update.get("description").asText())
                .isEqualTo("Matches rates/*/*, so it spans several path segments and the value contains '/'.");
        assertThat(cancel.get("description").asText()).startsWith("Matches watches/**");
    }

    @Test
    void offersTheUnboundFieldsAsQueryParametersUnderTheirJsonNames() {
        JsonNode get = operation(RATES, "get");

        assertThat(parameterNames(get))
                .containsExactly("base", "quote", "filter.minPrice", "filter.kinds", "venues", "maxAgeSeconds");
        assertThat(parameter(get, "filter.minPrice").at("/schema/type").asText())
                .isEqualTo("number");
        assertThat(parameter(get, "filter.kinds").get("explode").asBoolean()).isTrue();
        assertThat(parameter(get, "filter.kinds").at("/schema/type").asText()).isEqualTo("array");
        assertThat(parameter(get, "filter.kinds").at("/schema/items/enum"))
                .extracting(JsonNode::asText)
                .containsExactly("KIND_UNSPECIFIED", "FIAT", "CRYPTO");
        assertThat(parameter(get, "venues").at("/schema/items/type").asText()).isEqualTo("string");
        assertThat(parameter(get, "maxAgeSeconds").at("/schema/format").asText())
                .isEqualTo("int64");
        assertThat(parameter(get, "maxAgeSeconds").get("in").asText()).isEqualTo("query");
    }

    @Test
    void leavesFieldsBoundInTheNestedPathOutOfTheQuery() {
        JsonNode delete = operation("/v1/pairs/{pair.base}/{pair.quote}", "delete");

        assertThat(parameterNames(delete)).containsExactly("pair.base", "pair.quote", "force");
    }

    @Test
    void sendsTheWholeRequestForBodyStarWithoutQueryParameters() {
        JsonNode create = operation("/v1/rates", "post");

        assertThat(create.at("/requestBody/required").asBoolean()).isTrue();
        assertThat(create.at("/requestBody/content/application~1json/schema/$ref")
                        .asText())
                .isEqualTo("#/components/schemas/currency.v1.Rate");
        assertThat(create.has("parameters")).isFalse();
    }

    @Test
    void sendsOnlyTheBodyFieldAndQueriesTheRest() {
        JsonNode update = operation("/v1/{name}", "patch");

        assertThat(update.at("/requestBody/content/application~1json/schema/$ref")
                        .asText())
                .isEqualTo("#/components/schemas/currency.v1.Rate");
        assertThat(parameterNames(update)).containsExactly("name", "validateOnly");
    }

    @Test
    void answersAServerStreamAsNewlineDelimitedJson() {
        JsonNode ok = operation("/v1/rates", "get").at("/responses/200");

        assertThat(ok.at("/content/application~1x-ndjson/schema/$ref").asText())
                .isEqualTo("#/components/schemas/currency.v1.Rate");
        assertThat(ok.get("description").asText()).contains("one JSON object per line");
        assertThat(operation(RATES, "get").at("/responses/200/content").has("application/json"))
                .isTrue();
    }

    @Test
    void answersTheResponseBodyFieldAlone() {
        JsonNode schema = operation("/v1/rates:batchGet", "get").at("/responses/200/content/application~1json/schema");

        assertThat(schema.get("type").asText()).isEqualTo("array");
        assertThat(schema.at("/items/$ref").asText()).isEqualTo("#/components/schemas/currency.v1.Rate");
    }

    @Test
    void mergesTheMethodsOfOnePathIntoOneItem() {
        JsonNode item = document.at(path("/v1/rates"));

        assertThat(item.fieldNames()).toIterable().containsExactly("get", "post");
        assertThat(item.at("/get/operationId").asText()).isEqualTo("CurrencyService_ListRates");
        assertThat(item.at("/post/operationId").asText()).isEqualTo("CurrencyService_CreateRate");
        assertThat(item.at("/get/tags/0").asText()).isEqualTo("currency.v1.CurrencyService");
    }

    @Test
    void numbersTheAdditionalBindingsOfAMethod() {
        JsonNode latest = operation("/v1/rates/{base}:latest", "get");

        assertThat(operation(RATES, "get").get("operationId").asText()).isEqualTo("CurrencyService_GetRate");
        assertThat(latest.get("operationId").asText()).isEqualTo("CurrencyService_GetRate_2");
        assertThat(parameter(latest, "quote").get("in").asText()).isEqualTo("query");
    }

    @Test
    void mapsScalarsByTheProto3JsonMapping() {
        JsonNode rate = document.at("/components/schemas/currency.v1.Rate/properties");

        assertThat(rate.at("/value/type").asText()).isEqualTo("number");
        assertThat(rate.at("/volume/type").asText()).isEqualTo("string");
        assertThat(rate.at("/volume/format").asText()).isEqualTo("int64");
        assertThat(rate.at("/total/type").asText()).isEqualTo("string");
        assertThat(rate.at("/sources/type").asText()).isEqualTo("integer");
        assertThat(rate.at("/signature/format").asText()).isEqualTo("byte");
        assertThat(rate.at("/live/type").asText()).isEqualTo("boolean");
        assertThat(rate.at("/kind/enum")).extracting(JsonNode::asText).contains("FIAT", "CRYPTO");
        assertThat(rate.at("/tags/items/type").asText()).isEqualTo("string");
        assertThat(rate.at("/venues/type").asText()).isEqualTo("object");
        assertThat(rate.at("/venues/additionalProperties/format").asText()).isEqualTo("int32");
        assertThat(rate.at("/previous/$ref").asText()).isEqualTo("#/components/schemas/currency.v1.Rate");
    }

    @Test
    void inlinesWellKnownTypesAsTheJsonTheyMapTo() {
        JsonNode rate = document.at("/components/schemas/currency.v1.Rate/properties");

        assertThat(rate.has("asOf")).isTrue();
        assertThat(rate.at("/asOf/format").asText()).isEqualTo("date-time");
        assertThat(rate.at("/note/type").asText()).isEqualTo("string");
        assertThat(rate.at("/ttl/type").asText()).isEqualTo("string");
        assertThat(rate.at("/mask/type").asText()).isEqualTo("string");
        assertThat(rate.at("/attributes/type").asText()).isEqualTo("object");
        assertThat(rate.get("extra").isEmpty()).isTrue();
        assertThat(rate.at("/history/type").asText()).isEqualTo("array");
        assertThat(rate.at("/detail/required/0").asText()).isEqualTo("@type");
        JsonNode empty = operation("/v1/pairs/{pair.base}/{pair.quote}", "delete")
                .at("/responses/200/content/application~1json/schema");
        assertThat(empty.get("type").asText()).isEqualTo("object");
        assertThat(empty.get("properties").isObject() && empty.get("properties").isEmpty())
                .isTrue();
        assertThat(document.at("/components/schemas").has("google.protobuf.Timestamp"))
                .isFalse();
    }

    @Test
    void answersFailuresWithTheSharedProblemSchema() {
        JsonNode failed = operation(RATES, "get").at("/responses/default");
        JsonNode problem = document.at("/components/schemas/Problem/properties");

        assertThat(failed.at("/content/application~1problem+json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/Problem");
        assertThat(problem.fieldNames())
                .toIterable()
                .containsExactly("type", "title", "status", "detail", "instance", "requestId", "grpcStatus", "errors");
        assertThat(problem.at("/status/type").asText()).isEqualTo("integer");
        assertThat(problem.at("/grpcStatus/enum")).extracting(JsonNode::asText).contains("NOT_FOUND");
        assertThat(problem.at("/errors/items/properties").fieldNames())
                .toIterable()
                .containsExactly("field", "description");
    }

    @Test
    void takesDescriptionsFromTheProtoComments() {
        FileDescriptor commented = currencyProto(comments());

        ObjectNode described = OpenApiDocument.render(MAPPER, "Currency", "1.2.0", operations(commented));

        JsonNode get = described.at(path(RATES) + "/get");
        JsonNode schemas = described.at("/components/schemas");
        assertThat(described.at("/tags/0/description").asText()).isEqualTo("Exchange rates between currencies.");
        assertThat(get.get("description").asText())
                .isEqualTo("Gets the latest rate of a pair.\n\nRates change by the second.");
        assertThat(parameter(get, "base").get("description").asText()).isEqualTo("ISO 4217 code, e.g. EUR.");
        assertThat(parameter(get, "filter.minPrice").get("description").asText())
                .isEqualTo("Leaves out rates below this.");
        assertThat(schemas.at("/currency.v1.Rate/description").asText())
                .isEqualTo("What one unit of base costs in quote.");
        assertThat(schemas.at("/currency.v1.Rate/properties/value/description").asText())
                .isEqualTo("Units of quote per unit of base.");
        assertThat(schemas.at("/currency.v1.Rate.Source/description").asText()).isEqualTo("Where a rate came from.");
        assertThat(schemas.at("/currency.v1.Rate.Source/properties/venue/description")
                        .asText())
                .isEqualTo("The venue's name.");
    }

    @Test
    void hasNoDescriptionsWithoutSourceInfo() {
        JsonNode get = operation(RATES, "get");

        assertThat(get.has("description")).isFalse();
        assertThat(parameter(get, "base").has("description")).isFalse();
        assertThat(document.at("/components/schemas/currency.v1.Rate").has("description"))
                .isFalse();
        assertThat(document.at("/tags/0/name").asText()).isEqualTo("currency.v1.CurrencyService");
        assertThat(document.at("/tags/0").has("description")).isFalse();
    }

    @Test
    void isAnOpenApi31DocumentWhoseReferencesAllResolve() {
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);

        assertThat(document.get("openapi").asText()).isEqualTo("3.1.0");
        assertThat(document.at("/info/title").asText()).isEqualTo("Currency");
        assertThat(document.at("/info/version").asText()).isEqualTo("1.2.0");
        assertThat(refs).isNotEmpty().allSatisfy(ref -> assertThat(ref).startsWith("#/components/schemas/"));
        assertThat(refs)
                .allSatisfy(ref -> assertThat(document.at(ref.substring(1)).isObject())
                        .as(ref)
                        .isTrue());
        document.get("paths").fields().forEachRemaining(item -> item.getValue().forEach(operation -> {
            assertThat(operation.at("/responses/200").isObject()).isTrue();
            assertThat(operation.at("/responses/default").isObject()).isTrue();
            assertThat(pathParameterNames(operation)).isEqualTo(braces(item.getKey()));
        }));
    }

    @Test
    void reportsEveryWrongBindingTogether() {
        List<Operation> wrong = List.of(
                new Operation(method(file, "GetRate"), "GET", "/v1/rates/{bse}", "", "", false),
                new Operation(method(file, "UpdateRate"), "PATCH", "/v1/{name}", "rat", "", false),
                new Operation(method(file, "CreateRate"), "POST", "v1/rates", "*", "", false));

        assertThatThrownBy(() -> OpenApiDocument.render(MAPPER, "Currency", "1", wrong))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("  * currency.v1.CurrencyService.GetRate: a path variable must name a singular"
                        + " scalar or enum field of currency.v1.GetRateRequest, but was 'bse'.")
                .hasMessageContaining("  * currency.v1.CurrencyService.UpdateRate: body must be '*', '' or a field of"
                        + " currency.v1.UpdateRateRequest, but was 'rat'.")
                .hasMessageContaining(
                        "  * currency.v1.CurrencyService.CreateRate: the path template must start" + " with '/'");
    }

    @Test
    void leavesOutVerbsOpenApiCannotDescribe() {
        List<Operation> custom = List.of(new Operation(method(file, "GetRate"), "PURGE", RATES, "", "", false));

        ObjectNode rendered = OpenApiDocument.render(MAPPER, "Currency", "1", custom);

        assertThat(rendered.get("paths").isEmpty()).isTrue();
    }

    // ---- reading the document

    JsonNode operation(String openApiPath, String method) {
        JsonNode operation = document.at(path(openApiPath) + "/" + method);
        assertThat(operation.isObject()).as(method + " " + openApiPath).isTrue();
        return operation;
    }

    static String path(String openApiPath) {
        return "/paths/" + openApiPath.replace("~", "~0").replace("/", "~1");
    }

    static JsonNode parameter(JsonNode operation, String name) {
        return StreamSupport.stream(operation.path("parameters").spliterator(), false)
                .filter(parameter -> parameter.get("name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no parameter " + name + " in " + operation));
    }

    static List<String> parameterNames(JsonNode operation) {
        return StreamSupport.stream(operation.path("parameters").spliterator(), false)
                .map(parameter -> parameter.get("name").asText())
                .toList();
    }

    static Set<String> pathParameterNames(JsonNode operation) {
        Set<String> names = new HashSet<>();
        operation.path("parameters").forEach(parameter -> {
            if (parameter.get("in").asText().equals("path")) {
                names.add(parameter.get("name").asText());
            }
        });
        return names;
    }

    static Set<String> braces(String openApiPath) {
        Set<String> names = new HashSet<>();
        Matcher matcher = Pattern.compile("\\{([^}]+)}").matcher(openApiPath);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    static void collectRefs(JsonNode node, List<String> refs) {
        if (node.has("$ref")) {
            refs.add(node.get("$ref").asText());
        }
        node.forEach(child -> collectRefs(child, refs));
    }

    // ---- currency/v1/currency.proto, by hand

    static List<Operation> operations(FileDescriptor file) {
        return List.of(
                operation(file, "GetRate", "GET", RATES, "", ""),
                operation(file, "GetRate", "GET", "/v1/rates/{base}:latest", "", ""),
                operation(file, "ListRates", "GET", "/v1/rates", "", ""),
                operation(file, "CreateRate", "POST", "/v1/rates", "*", ""),
                operation(file, "UpdateRate", "PATCH", "/v1/{name=rates/*/*}", "rate", ""),
                operation(file, "DeleteRate", "DELETE", "/v1/pairs/{pair.base}/{pair.quote}", "", ""),
                operation(file, "CancelWatch", "POST", "/v1/{name=watches/**}:cancel", "*", ""),
                operation(file, "BatchGetRates", "GET", "/v1/rates:batchGet", "", "rates"));
    }

    static Operation operation(
            FileDescriptor file, String method, String httpMethod, String template, String body, String responseBody) {
        var descriptor = method(file, method);
        return new Operation(descriptor, httpMethod, template, body, responseBody, descriptor.isServerStreaming());
    }

    static com.google.protobuf.Descriptors.MethodDescriptor method(FileDescriptor file, String name) {
        return file.findServiceByName("CurrencyService").findMethodByName(name);
    }

    static FileDescriptor currencyProto(SourceCodeInfo sourceInfo) {
        FileDescriptorProto proto = FileDescriptorProto.newBuilder()
                .setName("currency/v1/currency.proto")
                .setPackage("currency.v1")
                .setSyntax("proto3")
                .addDependency("google/protobuf/timestamp.proto")
                .addDependency("google/protobuf/wrappers.proto")
                .addDependency("google/protobuf/duration.proto")
                .addDependency("google/protobuf/field_mask.proto")
                .addDependency("google/protobuf/struct.proto")
                .addDependency("google/protobuf/any.proto")
                .addDependency("google/protobuf/empty.proto")
                .addEnumType(EnumDescriptorProto.newBuilder()
                        .setName("Kind")
                        .addValue(enumValue("KIND_UNSPECIFIED", 0))
                        .addValue(enumValue("FIAT", 1))
                        .addValue(enumValue("CRYPTO", 2)))
                .addMessageType(rate()) // [4, 0]
                .addMessageType(
                        message( // [4, 1]
                                "Filter",
                                field("min_price", 1, TYPE_DOUBLE),
                                repeated(enumField("kinds", 2)),
                                message("next", 3, ".currency.v1.Filter")))
                .addMessageType(
                        message( // [4, 2]
                                "GetRateRequest",
                                field("base", 1, TYPE_STRING),
                                field("quote", 2, TYPE_STRING),
                                message("filter", 3, ".currency.v1.Filter"),
                                repeated(field("venues", 4, TYPE_STRING)),
                                message("max_age_seconds", 5, ".google.protobuf.Int64Value"),
                                message("at", 6, ".google.protobuf.Timestamp"),
                                repeated(message("more", 7, ".currency.v1.Filter"))))
                .addMessageType(message("Pair", field("base", 1, TYPE_STRING), field("quote", 2, TYPE_STRING)))
                .addMessageType(message(
                        "DeleteRateRequest", message("pair", 1, ".currency.v1.Pair"), field("force", 2, TYPE_BOOL)))
                .addMessageType(message(
                        "UpdateRateRequest",
                        field("name", 1, TYPE_STRING),
                        message("rate", 2, ".currency.v1.Rate"),
                        field("validate_only", 3, TYPE_BOOL)))
                .addMessageType(
                        message("CancelRequest", field("name", 1, TYPE_STRING), field("reason", 2, TYPE_STRING)))
                .addMessageType(
                        message("ListRatesRequest", field("base", 1, TYPE_STRING), field("page_size", 2, TYPE_INT32)))
                .addMessageType(message("ListRatesResponse", repeated(message("rates", 1, ".currency.v1.Rate"))))
                .addService(ServiceDescriptorProto.newBuilder() // [6, 0]
                        .setName("CurrencyService")
                        .addMethod(rpc("GetRate", "GetRateRequest", ".currency.v1.Rate", false)) // [6, 0, 2, 0]
                        .addMethod(rpc("ListRates", "ListRatesRequest", ".currency.v1.Rate", true))
                        .addMethod(rpc("CreateRate", "Rate", ".currency.v1.Rate", false))
                        .addMethod(rpc("UpdateRate", "UpdateRateRequest", ".currency.v1.Rate", false))
                        .addMethod(rpc("DeleteRate", "DeleteRateRequest", ".google.protobuf.Empty", false))
                        .addMethod(rpc("CancelWatch", "CancelRequest", ".google.protobuf.Empty", false))
                        .addMethod(rpc("BatchGetRates", "ListRatesRequest", ".currency.v1.ListRatesResponse", false)))
                .setSourceCodeInfo(sourceInfo)
                .build();
        try {
            return FileDescriptor.buildFrom(proto, new FileDescriptor[] {
                TimestampProto.getDescriptor(),
                WrappersProto.getDescriptor(),
                DurationProto.getDescriptor(),
                FieldMaskProto.getDescriptor(),
                StructProto.getDescriptor(),
                AnyProto.getDescriptor(),
                EmptyProto.getDescriptor()
            });
        } catch (DescriptorValidationException e) {
            throw new AssertionError(e);
        }
    }

    static DescriptorProto rate() {
        return message(
                        "Rate",
                        field("base", 1, TYPE_STRING),
                        field("quote", 2, TYPE_STRING),
                        field("value", 3, TYPE_DOUBLE), // [4, 0, 2, 2]
                        message("as_of", 4, ".google.protobuf.Timestamp"),
                        field("volume", 5, TYPE_INT64),
                        enumField("kind", 6),
                        message("note", 7, ".google.protobuf.StringValue"),
                        repeated(message("venues", 8, ".currency.v1.Rate.VenuesEntry")),
                        message("previous", 9, ".currency.v1.Rate"),
                        field("signature", 10, TYPE_BYTES),
                        field("sources", 11, TYPE_UINT32),
                        repeated(field("tags", 12, TYPE_STRING)),
                        message("ttl", 13, ".google.protobuf.Duration"),
                        message("attributes", 14, ".google.protobuf.Struct"),
                        message("extra", 15, ".google.protobuf.Value"),
                        message("history", 16, ".google.protobuf.ListValue"),
                        message("detail", 17, ".google.protobuf.Any"),
                        message("mask", 18, ".google.protobuf.FieldMask"),
                        field("spread", 19, TYPE_FLOAT),
                        field("live", 20, TYPE_BOOL),
                        field("total", 21, TYPE_UINT64),
                        message("origin", 22, ".currency.v1.Rate.Source"))
                .toBuilder()
                .addNestedType(
                        message("VenuesEntry", field("key", 1, TYPE_STRING), field("value", 2, TYPE_INT32)).toBuilder()
                                .setOptions(MessageOptions.newBuilder().setMapEntry(true)))
                .addNestedType(message("Source", field("venue", 1, TYPE_STRING))) // [4, 0, 3, 1]
                .build();
    }

    static SourceCodeInfo comments() {
        return SourceCodeInfo.newBuilder()
                .addLocation(comment(" Exchange rates between currencies.\n", 6, 0))
                .addLocation(comment(" Gets the latest rate of a pair.\n\n Rates change by the second.\n", 6, 0, 2, 0))
                .addLocation(comment(" What one unit of base costs in quote.\n", 4, 0))
                .addLocation(comment(" Units of quote per unit of base.\n", 4, 0, 2, 2))
                .addLocation(comment(" Where a rate came from.\n", 4, 0, 3, 1))
                .addLocation(comment(" The venue's name.\n", 4, 0, 3, 1, 2, 0))
                .addLocation(comment(" Leaves out rates below this.\n", 4, 1, 2, 0))
                .addLocation(comment(" ISO 4217 code, e.g. EUR.\n", 4, 2, 2, 0))
                .build();
    }

    static Location comment(String text, Integer... path) {
        return Location.newBuilder()
                .addAllPath(List.of(path))
                .setLeadingComments(text)
                .build();
    }

    static DescriptorProto message(String name, FieldDescriptorProto... fields) {
        return DescriptorProto.newBuilder()
                .setName(name)
                .addAllField(List.of(fields))
                .build();
    }

    static FieldDescriptorProto field(String name, int number, FieldDescriptorProto.Type type) {
        return FieldDescriptorProto.newBuilder()
                .setName(name)
                .setNumber(number)
                .setType(type)
                .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL)
                .build();
    }

    static FieldDescriptorProto message(String name, int number, String typeName) {
        return field(name, number, TYPE_MESSAGE).toBuilder()
                .setTypeName(typeName)
                .build();
    }

    static FieldDescriptorProto enumField(String name, int number) {
        return field(name, number, TYPE_ENUM).toBuilder()
                .setTypeName(".currency.v1.Kind")
                .build();
    }

    static FieldDescriptorProto repeated(FieldDescriptorProto field) {
        return field.toBuilder()
                .setLabel(FieldDescriptorProto.Label.LABEL_REPEATED)
                .build();
    }

    static EnumValueDescriptorProto enumValue(String name, int number) {
        return EnumValueDescriptorProto.newBuilder()
                .setName(name)
                .setNumber(number)
                .build();
    }

    static MethodDescriptorProto rpc(String name, String input, String output, boolean serverStreaming) {
        return MethodDescriptorProto.newBuilder()
                .setName(name)
                .setInputType(".currency.v1." + input)
                .setOutputType(output)
                .setServerStreaming(serverStreaming)
                .build();
    }
}

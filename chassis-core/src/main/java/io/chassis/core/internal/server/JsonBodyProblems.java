package io.chassis.core.internal.server;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The {@code detail} of a 400 for a JSON body that could not be bound: in terms of the JSON the client
 * sent (a JSON pointer to the field, the JSON type expected there and the one found), never in terms of
 * Java classes. Only runs on the error path.
 */
final class JsonBodyProblems {

    static final String REQUIRED = "A JSON request body is required.";

    private JsonBodyProblems() {}

    /** @return the detail for a body Jackson failed on */
    static String detail(JsonProcessingException e) {
        if (e instanceof MismatchedInputException m) {
            if (m.getPath().isEmpty() && found(m) == null) {
                return REQUIRED; // only whitespace: nothing to bind
            }
            return mismatch(m);
        }
        if (e instanceof ValueInstantiationException v) {
            return invalidValue(v);
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            return "Invalid JSON body: " + where(pointer(m.getPath())) + " could not be read.";
        }
        // a syntax error: Jackson's message says what and where, and echoes no server state
        return "Malformed JSON body: " + e.getOriginalMessage();
    }

    private static String mismatch(MismatchedInputException e) {
        String pointer = pointer(e.getPath());
        if (e instanceof PropertyBindingException) {
            return "Invalid JSON body: " + where(pointer) + " is not a known field.";
        }
        Class<?> target = e.getTargetType();
        String expected = expected(target);
        String found = found(e);
        boolean sameType = found == null
                || found.equals(expected)
                || (target != null && target.isEnum() && found.equals("a string"));
        return "Invalid JSON body: " + where(pointer) + " must be " + expected
                + (sameType ? "." : ", but was " + found + ".");
    }

    /** A record's compact constructor (or a creator) refused the value. */
    private static String invalidValue(ValueInstantiationException e) {
        String pointer = pointer(e.getPath());
        Throwable cause = e.getCause();
        // IllegalArgumentException is how a record says which value it refuses; anything else is a bug
        // whose message is not the client's business.
        String reason = cause instanceof IllegalArgumentException && cause.getMessage() != null
                ? ": " + cause.getMessage()
                : ".";
        return "Invalid JSON body: " + where(pointer) + " is not valid" + reason;
    }

    private static String where(String pointer) {
        return pointer.isEmpty() ? "the body" : "field " + pointer;
    }

    /** RFC 6901: {@code /items/0/name}; empty for the whole body. */
    static String pointer(List<JsonMappingException.Reference> path) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            pointer.append('/');
            if (reference.getFieldName() != null) {
                pointer.append(reference.getFieldName().replace("~", "~0").replace("/", "~1"));
            } else if (reference.getIndex() >= 0) {
                pointer.append(reference.getIndex());
            } else {
                pointer.append('-');
            }
        }
        return pointer.toString();
    }

    /** @return the JSON type a Java type is read from */
    static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type.isEnum()) {
            return "one of "
                    + Arrays.stream(type.getEnumConstants())
                            .map(c -> "\"" + ((Enum<?>) c).name() + "\"")
                            .collect(Collectors.joining(", "));
        }
        if (CharSequence.class.isAssignableFrom(type)
                || type == char.class
                || type == Character.class
                || type == UUID.class
                || type.getName().startsWith("java.time.")) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || !type.getName().startsWith("java.")) {
            return "an object";
        }
        return "of another type";
    }

    /** @return the JSON type of the value Jackson stopped at, or null when there is none */
    private static String found(MismatchedInputException e) {
        if (!(e.getProcessor() instanceof JsonParser parser)) {
            return null;
        }
        JsonToken token = parser.currentToken();
        if (token == null) {
            return null;
        }
        return switch (token) {
            case START_OBJECT, END_OBJECT, FIELD_NAME -> "an object";
            case START_ARRAY, END_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "true or false";
            case VALUE_NULL -> "null";
            default -> null;
        };
    }
}

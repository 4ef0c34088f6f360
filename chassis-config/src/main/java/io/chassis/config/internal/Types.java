package io.chassis.config.internal;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;

/** Small helpers over {@link java.lang.reflect.Type} for the binder. */
final class Types {

    private Types() {}

    static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        if (type instanceof WildcardType w) {
            return raw(w.getUpperBounds()[0]);
        }
        throw new IllegalArgumentException("cannot bind configuration to type " + type);
    }

    /** The {@code index}th type argument, or {@code Object} for a raw type. */
    static Type arg(Type type, int index) {
        if (type instanceof ParameterizedType p) {
            Type arg = p.getActualTypeArguments()[index];
            return arg instanceof WildcardType w ? w.getUpperBounds()[0] : arg;
        }
        return Object.class;
    }

    /** A readable name for messages: {@code List<Duration>} rather than a fully qualified name. */
    static String describe(Type type) {
        if (type instanceof ParameterizedType p) {
            StringBuilder out = new StringBuilder(raw(p).getSimpleName()).append('<');
            Type[] args = p.getActualTypeArguments();
            for (int i = 0; i < args.length; i++) {
                out.append(i == 0 ? "" : ", ").append(describe(args[i]));
            }
            return out.append('>').toString();
        }
        return raw(type).getSimpleName();
    }
}

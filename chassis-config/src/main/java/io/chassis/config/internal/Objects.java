package io.chassis.config.internal;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import io.chassis.config.ConfigRuleException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Binds objects to records (through the canonical constructor, so a compact constructor can
 * validate) and to plain classes (public no-argument constructor, then setters or public fields).
 * Keys are the kebab-case form of the Java names ({@code maxBodySize} is {@code max-body-size});
 * the Java name itself is accepted too. Keys that match nothing are reported, with a suggestion.
 */
final class Objects {

    private Objects() {}

    static Object record(Binder binder, ConfigObject object, String path, Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        Map<String, String> keys = new LinkedHashMap<>();
        boolean complete = true;
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            types[i] = component.getType();
            String key = key(object, component.getName());
            keys.put(key, component.getName());
            String child = Binder.child(path, key);
            args[i] = binder.value(object.get(key), child, component.getGenericType(), object.origin());
            complete &= args[i] != null || component.getType() == Optional.class;
        }
        unknownKeys(binder, object, path, keys.keySet(), keys.values());
        if (!complete) {
            return null;
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            rejected(binder, object, path, path, e.getCause());
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot construct " + type.getName() + " from configuration", e);
        }
    }

    static Object bean(Binder binder, ConfigObject object, String path, Class<?> type) {
        Object bean;
        try {
            bean = type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(
                    type.getName() + " cannot be bound from configuration: it needs a public no-argument"
                            + " constructor, or make it a record",
                    e);
        }
        Map<String, Method> setters = new HashMap<>();
        for (Method method : type.getMethods()) {
            if (method.getName().startsWith("set")
                    && method.getName().length() > 3
                    && method.getParameterCount() == 1) {
                setters.put(kebab(decapitalize(method.getName().substring(3))), method);
            }
        }
        Map<String, Field> fields = new HashMap<>();
        for (Field field : type.getFields()) {
            if (!Modifier.isStatic(field.getModifiers()) && !Modifier.isFinal(field.getModifiers())) {
                fields.put(kebab(field.getName()), field);
            }
        }
        Set<String> known = new HashSet<>(setters.keySet());
        known.addAll(fields.keySet());
        for (Map.Entry<String, ConfigValue> entry : object.entrySet()) {
            String name = kebab(entry.getKey());
            String child = Binder.child(path, entry.getKey());
            try {
                if (setters.containsKey(name)) {
                    Method setter = setters.get(name);
                    Object value = binder.value(
                            entry.getValue(), child, setter.getGenericParameterTypes()[0], object.origin());
                    if (value != null) {
                        setter.invoke(bean, value);
                    }
                } else if (fields.containsKey(name)) {
                    Field field = fields.get(name);
                    Object value = binder.value(entry.getValue(), child, field.getGenericType(), object.origin());
                    if (value != null) {
                        field.set(bean, value);
                    }
                }
            } catch (InvocationTargetException e) {
                rejected(binder, object, path, child, e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalArgumentException("cannot set " + child + " on " + type.getName(), e);
            }
        }
        unknownKeys(binder, object, path, known, known);
        return bean;
    }

    private static void unknownKeys(
            Binder binder, ConfigObject object, String path, Set<String> keys, java.util.Collection<String> names) {
        for (Map.Entry<String, ConfigValue> entry : object.entrySet()) {
            String key = entry.getKey();
            if (keys.contains(key) || keys.contains(kebab(key)) || names.contains(key)) {
                continue;
            }
            String best = Suggestions.closest(key, keys);
            binder.problem(
                    entry.getValue().origin(),
                    Binder.child(path, key),
                    "is not a known setting. "
                            + (best != null
                                    ? "Did you mean '" + Binder.child(path, best) + "'?"
                                    : "Known keys here: " + String.join(", ", keys) + "."));
        }
    }

    /**
     * Reports what a constructor or setter threw: a {@link ConfigRuleException} at its key (relative to
     * the object) with that key's origin; any other exception at {@code path} with the origin of a value
     * the user set.
     */
    private static void rejected(Binder binder, ConfigObject object, String objectPath, String path, Throwable cause) {
        if (cause instanceof ConfigRuleException broken) {
            binder.broken(object, objectPath, broken, userOrigin(object));
            return;
        }
        String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        message = message.endsWith(".") ? message : message + ".";
        binder.problem(userOrigin(object), path, message.startsWith("must") ? message : "was rejected: " + message);
    }

    /** Which value broke a record's rule is unknown; the one the user set (not a default) is the likely one. */
    private static ConfigOrigin userOrigin(ConfigObject object) {
        for (ConfigValue value : object.values()) {
            String description = value.origin().description();
            if (!description.contains("reference.conf") && !description.startsWith("merge of")) {
                return value.origin();
            }
        }
        return object.origin();
    }

    /** The key for a Java name: the kebab-case form if present, else the name itself if present. */
    private static String key(ConfigObject object, String javaName) {
        String kebab = kebab(javaName);
        return object.containsKey(kebab) || !object.containsKey(javaName) ? kebab : javaName;
    }

    static String kebab(String name) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean hump = Character.isUpperCase(c)
                    && i > 0
                    && (!Character.isUpperCase(name.charAt(i - 1))
                            || (i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1))));
            if (hump && name.charAt(i - 1) != '-') {
                out.append('-');
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString();
    }

    private static String decapitalize(String name) {
        return name.substring(0, 1).toLowerCase(Locale.ROOT) + name.substring(1);
    }
}

package io.chassis.grpc.internal.gateway;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code google.api.http} path template: {@code "/" Segments [":" Verb]}, a segment being a
 * literal, {@code *} (one segment), {@code **} (the rest, last only) or a variable {@code
 * {field.path}} / {@code {field.path=Segments}} capturing what its segments match, joined by
 * {@code /}. Parsed once at startup; {@link #match} runs per request without regular expressions.
 */
final class PathTemplate {

    /** One segment of the pattern; {@code variable} is the index of the variable it belongs to, or -1. */
    private record Segment(String literal, boolean deep, int variable) {
        boolean wildcard() {
            return literal == null;
        }
    }

    private final String source;
    private final List<Segment> segments;
    private final List<String> variables;
    private final String verb;

    private PathTemplate(String source, List<Segment> segments, List<String> variables, String verb) {
        this.source = source;
        this.segments = segments;
        this.variables = variables;
        this.verb = verb;
    }

    /**
     * @param template e.g. {@code /v1/{name=shelves/*}/books:batchGet}
     * @return the parsed template
     * @throws IllegalArgumentException naming what is wrong, when the template does not follow the syntax
     */
    static PathTemplate parse(String template) {
        if (template == null || !template.startsWith("/")) {
            throw new IllegalArgumentException("must start with '/'");
        }
        String path = template;
        String verb = null;
        int lastSlash = template.lastIndexOf('/');
        int colon = template.indexOf(':', lastSlash);
        int closing = template.lastIndexOf('}');
        if (colon > 0 && colon > closing) {
            verb = template.substring(colon + 1);
            path = template.substring(0, colon);
            if (verb.isEmpty() || !isLiteral(verb)) {
                throw new IllegalArgumentException("has an invalid verb ':" + verb + "'");
            }
        }
        List<Segment> segments = new ArrayList<>();
        List<String> variables = new ArrayList<>();
        int i = 1;
        while (i <= path.length()) {
            if (i == path.length()) {
                throw new IllegalArgumentException("must not end with '/'");
            }
            if (path.charAt(i) == '{') {
                int end = path.indexOf('}', i);
                if (end < 0) {
                    throw new IllegalArgumentException("has an unclosed '{'");
                }
                String body = path.substring(i + 1, end);
                int eq = body.indexOf('=');
                String field = eq < 0 ? body : body.substring(0, eq);
                if (!isFieldPath(field)) {
                    throw new IllegalArgumentException("has an invalid variable name '" + field + "'");
                }
                if (variables.contains(field)) {
                    throw new IllegalArgumentException("binds field '" + field + "' twice");
                }
                int index = variables.size();
                variables.add(field);
                String pattern = eq < 0 ? "*" : body.substring(eq + 1);
                if (pattern.isEmpty() || pattern.contains("{")) {
                    throw new IllegalArgumentException("has an invalid pattern in variable '" + field + "'");
                }
                for (String part : pattern.split("/", -1)) {
                    segments.add(segment(part, index));
                }
                i = end + 1;
            } else {
                int end = path.indexOf('/', i);
                end = end < 0 ? path.length() : end;
                String part = path.substring(i, end);
                if (part.indexOf('{') >= 0 || part.indexOf('}') >= 0) {
                    throw new IllegalArgumentException("has a variable that is not a whole segment: '" + part + "'");
                }
                segments.add(segment(part, -1));
                i = end;
            }
            if (i < path.length() && path.charAt(i) != '/') {
                throw new IllegalArgumentException("has a variable that is not a whole segment");
            }
            i++;
        }
        for (int s = 0; s < segments.size() - 1; s++) {
            if (segments.get(s).deep()) {
                throw new IllegalArgumentException("may use '**' only as its last segment");
            }
        }
        return new PathTemplate(template, List.copyOf(segments), List.copyOf(variables), verb);
    }

    private static Segment segment(String part, int variable) {
        if (part.equals("*")) {
            return new Segment(null, false, variable);
        }
        if (part.equals("**")) {
            return new Segment(null, true, variable);
        }
        if (part.isEmpty() || !isLiteral(part)) {
            throw new IllegalArgumentException("has an invalid segment '" + part + "'");
        }
        return new Segment(part, false, variable);
    }

    private static boolean isLiteral(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '/' || c == '{' || c == '}' || c == '*' || c == '?' || c == '#' || c <= ' ') {
                return false;
            }
        }
        return true;
    }

    private static boolean isFieldPath(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (String part : s.split("\\.", -1)) {
            if (part.isEmpty() || !Character.isJavaIdentifierStart(part.charAt(0))) {
                return false;
            }
            for (int i = 1; i < part.length(); i++) {
                if (!Character.isLetterOrDigit(part.charAt(i)) && part.charAt(i) != '_') {
                    return false;
                }
            }
        }
        return true;
    }

    /** @return the template as written */
    String source() {
        return source;
    }

    /** @return the field paths bound by variables, in order */
    List<String> variables() {
        return variables;
    }

    /**
     * The route for the HTTP router: literals kept, a one-segment variable as {@code {field}}, other
     * wildcards as {@code {field_N}} / {@code {_N}}, {@code **} as a trailing {@code *}. A verb is
     * left out (the router cannot match it inside a segment); {@link #match} checks it.
     *
     * @return e.g. {@code /v1/rates/{base}/{quote}}
     */
    String routerTemplate() {
        StringBuilder out = new StringBuilder();
        int[] perVariable = new int[variables.size()];
        int anonymous = 0;
        for (int s = 0; s < segments.size(); s++) {
            Segment segment = segments.get(s);
            out.append('/');
            if (segment.deep()) {
                out.append('*');
            } else if (!segment.wildcard()) {
                out.append(segment.literal());
            } else if (segment.variable() >= 0) {
                String name = variables.get(segment.variable()).replace('.', '_');
                boolean single = count(segment.variable()) == 1;
                out.append('{')
                        .append(single ? name : name + "_" + ++perVariable[segment.variable()])
                        .append('}');
            } else {
                out.append("{_").append(++anonymous).append('}');
            }
        }
        if (verb != null && !segments.get(segments.size() - 1).wildcard()) {
            out.append(':').append(verb); // a literal last segment can carry the verb in the route itself
        }
        return out.toString();
    }

    private int count(int variable) {
        int n = 0;
        for (Segment s : segments) {
            if (s.variable() == variable) {
                n++;
            }
        }
        return n;
    }

    /**
     * @param path the request path, percent-decoded, without the query string
     * @return the variables' values by field path, or null when the path does not match
     */
    Map<String, String> match(String path) {
        String rest = path;
        if (verb != null) {
            if (!rest.endsWith(":" + verb)) {
                return null;
            }
            rest = rest.substring(0, rest.length() - verb.length() - 1);
        }
        if (rest.isEmpty() || rest.charAt(0) != '/') {
            return null;
        }
        Map<String, String> values = variables.isEmpty() ? Map.of() : new LinkedHashMap<>();
        StringBuilder[] captured = new StringBuilder[variables.size()];
        int pos = 1;
        for (Segment segment : segments) {
            if (pos > rest.length()) {
                return null;
            }
            int end;
            if (segment.deep()) {
                end = rest.length();
            } else {
                end = rest.indexOf('/', pos);
                end = end < 0 ? rest.length() : end;
            }
            String part = rest.substring(pos, end);
            if (!segment.wildcard() && !segment.literal().equals(part)) {
                return null;
            }
            if (segment.wildcard() && part.isEmpty() && !segment.deep()) {
                return null;
            }
            if (segment.variable() >= 0) {
                StringBuilder b = captured[segment.variable()];
                if (b == null) {
                    captured[segment.variable()] = new StringBuilder(part);
                } else {
                    b.append('/').append(part);
                }
            }
            pos = end + 1;
        }
        if (pos <= rest.length()) {
            return null; // segments left over
        }
        for (int v = 0; v < captured.length; v++) {
            values.put(variables.get(v), captured[v] == null ? "" : captured[v].toString());
        }
        return values;
    }

    @Override
    public String toString() {
        return source;
    }
}

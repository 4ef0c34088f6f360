package io.chassis.core.internal.security;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.chassis.config.ConfigProblem;
import io.chassis.config.ConfigProblemsException;
import io.chassis.config.ConfigRules;
import io.chassis.core.internal.server.RouteTable;
import io.chassis.core.security.Principal;
import io.chassis.core.spi.AccessControl;
import io.chassis.core.spi.Authenticator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The access rules of {@code chassis.access}: which HTTP routes ({@code "GET /v1/things/{id}"},
 * {@code "* /v1/admin/**"}) and gRPC methods ({@code "pkg.Service/Method"}, {@code "pkg.Service/*"})
 * are public, need any authenticated caller, or need scopes or roles. Each operation's policy is
 * resolved once at startup from the most specific matching rule, else the default; per request a
 * policy only asks the authenticators and compares sets.
 */
public final class AccessRules implements AccessControl {

    /** Where the rules live. */
    public static final String PATH = "chassis.access";

    private static final String RULES = PATH + ".rules";

    /** How the caller's subject appears in the MDC and the access line. */
    public enum SubjectInLogs {
        /** As it is. */
        PLAIN,
        /** As the first 16 hex digits of its SHA-256: lines of one caller can be grouped, not named. */
        HASHED,
        /** Not at all. */
        OFF
    }

    private final List<Rule> rules;
    private final Requirement configuredDefault;
    private final List<Authenticator> authenticators;
    private final SubjectInLogs subjectInLogs;
    private final Config config;
    private final List<String> resolvedOperations = new ArrayList<>();

    private AccessRules(
            List<Rule> rules,
            Requirement configuredDefault,
            List<Authenticator> authenticators,
            SubjectInLogs subjectInLogs,
            Config config) {
        this.rules = rules;
        this.configuredDefault = configuredDefault;
        this.authenticators = authenticators;
        this.subjectInLogs = subjectInLogs;
        this.config = config;
    }

    /**
     * Binds and checks {@code chassis.access}.
     *
     * @param config the resolved configuration
     * @param authenticators the live list modules add their authenticators to
     * @param found where malformed rules are reported; the well-formed ones are kept, so that the
     *     rules matching nothing are reported in the same round
     * @return the rules
     */
    public static AccessRules from(Config config, List<Authenticator> authenticators, List<ConfigProblem> found) {
        ConfigRules problems = new ConfigRules(config);
        Requirement fallback = null;
        if (!config.getIsNull(PATH + ".default")) {
            fallback =
                    problems.collect(() -> requirement(config, PATH + ".default", config.getValue(PATH + ".default")));
        }
        List<Rule> rules = new ArrayList<>();
        ConfigObject section = config.getObject(RULES);
        for (String key : section.keySet()) {
            String path = ConfigUtil.joinPath("chassis", "access", "rules", key);
            Rule rule = problems.collect(() -> Rule.parse(config, path, key, section.get(key)));
            if (rule != null) {
                rules.add(rule);
            }
        }
        String shown = config.getString(PATH + ".subject-in-logs");
        SubjectInLogs subject = null;
        for (SubjectInLogs s : SubjectInLogs.values()) {
            if (s.name().equalsIgnoreCase(shown)) {
                subject = s;
            }
        }
        problems.require(
                subject != null,
                PATH + ".subject-in-logs",
                "be one of plain, hashed, off",
                shown,
                "Use hashed to group a caller's lines without naming the caller.");
        found.addAll(problems.problems());
        return new AccessRules(
                List.copyOf(rules), fallback, authenticators, subject == null ? SubjectInLogs.PLAIN : subject, config);
    }

    /** @return how the subject is logged */
    public SubjectInLogs subjectInLogs() {
        return subjectInLogs;
    }

    /**
     * @param subject a principal's subject
     * @return what the MDC and the access line carry for it; null for none
     */
    @Override
    public String subjectForLogs(String subject) {
        return switch (subjectInLogs) {
            case PLAIN -> subject;
            case OFF -> null;
            case HASHED -> hash(subject);
        };
    }

    private static String hash(String subject) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(subject.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String callerAuthorization() {
        return CallerToken.current();
    }

    /**
     * The policy of an HTTP route.
     *
     * @param method upper-case HTTP method
     * @param template the route's template
     * @return its policy
     */
    public Policy httpPolicy(String method, String template) {
        return policy("http", method + " " + template);
    }

    @Override
    public synchronized Policy policy(String transport, String operation) {
        Rule best = null;
        for (Rule rule : rules) {
            int score = rule.score(transport, operation);
            if (score > 0 && (best == null || score > best.score(transport, operation))) {
                best = rule;
            }
        }
        resolvedOperations.add(transport + " " + operation);
        Requirement requirement;
        if (best != null) {
            best.used = true;
            requirement = best.requirement;
        } else {
            requirement = defaultRequirement();
        }
        return requirement.kind == Kind.PUBLIC
                ? PublicPolicy.INSTANCE
                : new RulePolicy(requirement, authenticators.toArray(new Authenticator[0]));
    }

    /** With no default configured: authenticated once an authentication module is present, else public. */
    private Requirement defaultRequirement() {
        if (configuredDefault != null) {
            return configuredDefault;
        }
        return authenticators.isEmpty() ? Requirement.PUBLIC : Requirement.AUTHENTICATED;
    }

    /**
     * Problems found once every operation has been resolved: rules that match nothing (a typo would
     * otherwise leave a route on the default), and rules that need a caller when nothing can
     * authenticate one.
     *
     * @return the problems
     */
    public synchronized List<ConfigProblem> problems() {
        ConfigRules problems = new ConfigRules(config);
        for (Rule rule : rules) {
            problems.require(
                    rule.used,
                    rule.path,
                    "match an HTTP route or a gRPC method of this service",
                    rule.key,
                    "Rules are '<METHOD or *> <route template>' (a template may end in /**) or"
                            + " '<package.Service>/<Method or *>'; this service has "
                            + summary() + ".");
        }
        if (authenticators.isEmpty()) {
            for (Rule rule : rules) {
                problems.require(
                        rule.requirement.kind == Kind.PUBLIC,
                        rule.path,
                        "be public while no authentication module is present",
                        rule.requirement,
                        "Add chassis-security (JWT bearer tokens) or another module with an Authenticator.");
            }
            if (configuredDefault != null) {
                problems.require(
                        configuredDefault.kind == Kind.PUBLIC,
                        PATH + ".default",
                        "be public while no authentication module is present",
                        configuredDefault,
                        "Add chassis-security (JWT bearer tokens) or another module with an Authenticator.");
            }
        }
        return problems.problems();
    }

    private String summary() {
        if (resolvedOperations.isEmpty()) {
            return "no routes or methods";
        }
        // routes first: they are what a rule with a template was meant for
        List<String> sorted = new ArrayList<>(resolvedOperations);
        sorted.sort(java.util.Comparator.comparing((String o) -> !o.startsWith("http ")));
        List<String> shown = sorted.subList(0, Math.min(12, sorted.size()));
        return String.join(", ", shown) + (sorted.size() > shown.size() ? ", ..." : "");
    }

    static Requirement requirement(Config config, String path, ConfigValue value) {
        if (value.valueType() == ConfigValueType.STRING) {
            String word = String.valueOf(value.unwrapped()).trim().toLowerCase(Locale.ROOT);
            if (word.equals("public")) {
                return Requirement.PUBLIC;
            }
            if (word.equals("authenticated")) {
                return Requirement.AUTHENTICATED;
            }
        } else if (value instanceof ConfigObject object) {
            Set<String> unknown = new LinkedHashSet<>(object.keySet());
            unknown.removeAll(Set.of("scopes", "roles"));
            new ConfigRules(config)
                    .require(
                            unknown.isEmpty(),
                            path,
                            "have only the keys scopes and roles",
                            String.join(", ", unknown),
                            "E.g. { scopes = [rates.read] } or { roles = [admin] }.")
                    .throwIfAny();
            Set<String> scopes = words(object.get("scopes"), config, path + ".scopes");
            Set<String> roles = words(object.get("roles"), config, path + ".roles");
            new ConfigRules(config)
                    .require(
                            !scopes.isEmpty() || !roles.isEmpty(),
                            path,
                            "name scopes or roles",
                            value.render(),
                            "E.g. { scopes = [rates.read] }; for any caller with valid credentials use authenticated.")
                    .throwIfAny();
            return new Requirement(Kind.AUTHENTICATED, scopes, roles);
        }
        throw new ConfigProblemsException(new ConfigRules(config)
                .require(
                        false,
                        path,
                        "be public, authenticated, or { scopes = [..] } / { roles = [..] }",
                        value.render(),
                        "Public needs no credentials; authenticated needs any valid ones.")
                .problems());
    }

    private static Set<String> words(ConfigValue value, Config config, String path) {
        if (value == null) {
            return Set.of();
        }
        if (!(value instanceof ConfigList list)) {
            throw new ConfigProblemsException(new ConfigRules(config)
                    .require(false, path, "be a list of names", value.render(), "E.g. [rates.read, rates.write].")
                    .problems());
        }
        Set<String> out = new LinkedHashSet<>();
        for (ConfigValue item : list) {
            out.add(String.valueOf(item.unwrapped()));
        }
        return Set.copyOf(out);
    }

    enum Kind {
        PUBLIC,
        AUTHENTICATED
    }

    /**
     * @param scopes every one of them is needed
     * @param roles one of them is needed
     */
    record Requirement(Kind kind, Set<String> scopes, Set<String> roles) {
        static final Requirement PUBLIC = new Requirement(Kind.PUBLIC, Set.of(), Set.of());
        static final Requirement AUTHENTICATED = new Requirement(Kind.AUTHENTICATED, Set.of(), Set.of());

        @Override
        public String toString() {
            if (kind == Kind.PUBLIC) {
                return "public";
            }
            if (scopes.isEmpty() && roles.isEmpty()) {
                return "authenticated";
            }
            return "{ scopes = " + scopes + ", roles = " + roles + " }";
        }
    }

    /** One rule: what it matches, and what it requires. */
    private static final class Rule {
        final String path;
        final String key;
        final String transport;
        /** HTTP method or {@code *}; for gRPC the service. */
        final String head;
        /** HTTP template shape (without a trailing {@code **}); for gRPC the method or {@code *}. */
        final String tail;

        final boolean prefix;
        final Requirement requirement;
        boolean used;

        Rule(String path, String key, String transport, String head, String tail, boolean prefix, Requirement req) {
            this.path = path;
            this.key = key;
            this.transport = transport;
            this.head = head;
            this.tail = tail;
            this.prefix = prefix;
            this.requirement = req;
        }

        static Rule parse(Config config, String path, String key, ConfigValue value) {
            Requirement requirement = requirement(config, path, value);
            String k = key.trim();
            int space = k.indexOf(' ');
            Function<String, ConfigProblemsException> bad = why -> new ConfigProblemsException(new ConfigRules(config)
                    .require(
                            false,
                            path,
                            "name '<METHOD or *> <route template>' or '<package.Service>/<Method or *>'",
                            key,
                            why)
                    .problems());
            if (space > 0) {
                String method = k.substring(0, space).toUpperCase(Locale.ROOT);
                String template = k.substring(space + 1).trim();
                if (!template.startsWith("/")) {
                    throw bad.apply("A route template starts with '/'.");
                }
                if (!method.equals("*") && !method.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
                    throw bad.apply("The method is a word like GET, or * for every method.");
                }
                boolean prefix = template.endsWith("/**");
                String shape = RouteTable.shape(prefix ? template.substring(0, template.length() - 2) : template);
                return new Rule(path, key, "http", method, shape, prefix, requirement);
            }
            int slash = k.indexOf('/');
            if (slash > 0 && slash < k.length() - 1 && k.indexOf('/', slash + 1) < 0) {
                return new Rule(path, key, "grpc", k.substring(0, slash), k.substring(slash + 1), false, requirement);
            }
            throw bad.apply(
                    "E.g. \"GET /v1/rates/{base}/{quote}\", \"* /v1/admin/**\", \"currency.v1.CurrencyService/*\".");
        }

        /** @return how specifically this rule matches the operation; 0 when it does not */
        int score(String transport, String operation) {
            if (!this.transport.equals(transport)) {
                return 0;
            }
            if (transport.equals("http")) {
                int space = operation.indexOf(' ');
                String method = operation.substring(0, space);
                String shape = RouteTable.shape(operation.substring(space + 1));
                boolean methodMatches = head.equals("*") || head.equals(method);
                if (!methodMatches) {
                    return 0;
                }
                int methodBonus = head.equals("*") ? 0 : 1;
                if (!prefix) {
                    return shape.equals(tail) ? 1_000_000 + methodBonus : 0;
                }
                return shape.startsWith(tail) || (shape + "/").equals(tail) ? tail.length() * 2 + methodBonus : 0;
            }
            int slash = operation.lastIndexOf('/');
            if (slash < 0 || !operation.substring(0, slash).equals(head)) {
                return 0;
            }
            if (tail.equals("*")) {
                return 1;
            }
            return operation.substring(slash + 1).equals(tail) ? 2 : 0;
        }
    }

    private enum PublicPolicy implements Policy {
        INSTANCE;

        @Override
        public boolean isPublic() {
            return true;
        }

        @Override
        public Principal check(Authenticator.Credentials credentials) {
            return null;
        }
    }

    /** A policy needing a caller: asks the authenticators in order, then compares scopes and roles. */
    private static final class RulePolicy implements Policy {
        private final Requirement requirement;
        private final Authenticator[] authenticators;
        private final String challenge;
        private final String missing;
        private final String insufficientScope;
        private final String scopeMessage;
        private final String roleMessage;

        RulePolicy(Requirement requirement, Authenticator[] authenticators) {
            this.requirement = requirement;
            this.authenticators = authenticators;
            List<String> schemes = new ArrayList<>();
            for (Authenticator a : authenticators) {
                schemes.add(a.scheme());
            }
            String first = schemes.isEmpty() ? "Bearer" : schemes.get(0);
            this.challenge = String.join(", ", schemes.isEmpty() ? List.of("Bearer") : schemes);
            this.missing = "This operation needs authentication: send credentials ("
                    + String.join(" or ", schemes.isEmpty() ? List.of("Bearer") : schemes) + ").";
            String scopes = String.join(" ", requirement.scopes);
            this.insufficientScope = first + " error=\"insufficient_scope\", scope=\"" + scopes + "\"";
            this.scopeMessage = "This operation needs the scopes: " + scopes + ".";
            this.roleMessage = "This operation needs one of the roles: " + String.join(", ", requirement.roles) + ".";
        }

        @Override
        public boolean isPublic() {
            return false;
        }

        @Override
        public Principal check(Authenticator.Credentials credentials) {
            Principal principal = null;
            for (Authenticator authenticator : authenticators) {
                try {
                    principal = authenticator.authenticate(credentials).orElse(null);
                } catch (Authenticator.Rejected rejected) {
                    throw new Denied(
                            Denied.Reason.UNAUTHENTICATED,
                            authenticator.scheme() + " error=\"" + quoted(rejected.error()) + "\", error_description=\""
                                    + quoted(rejected.description()) + "\"",
                            rejected.description());
                }
                if (principal != null) {
                    break;
                }
            }
            if (principal == null) {
                throw new Denied(Denied.Reason.UNAUTHENTICATED, challenge, missing);
            }
            if (!principal.scopes().containsAll(requirement.scopes)) {
                throw new Denied(Denied.Reason.FORBIDDEN, insufficientScope, scopeMessage);
            }
            if (!requirement.roles.isEmpty() && !anyRole(principal)) {
                throw new Denied(Denied.Reason.FORBIDDEN, challenge, roleMessage);
            }
            return principal;
        }

        private boolean anyRole(Principal principal) {
            for (String role : requirement.roles) {
                if (principal.hasRole(role)) {
                    return true;
                }
            }
            return false;
        }

        /** RFC 7235 quoted-string content: no quote or backslash unescaped, no control characters. */
        private static String quoted(String text) {
            StringBuilder out = new StringBuilder(text.length());
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"' || c == '\\') {
                    out.append('\\').append(c);
                } else if (c >= 0x20 && c != 0x7f) {
                    out.append(c);
                }
            }
            return out.toString();
        }
    }
}

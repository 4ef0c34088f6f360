package io.chassis.boundaries;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The rules: which module a class belongs to, and which internal packages it may use. */
final class ModuleBoundaries {

    /** Every module's root package; a class belongs to the longest root its package starts with. */
    static final List<String> ROOTS = List.of(
            "io.chassis.config",
            "io.chassis.core",
            "io.chassis.logging",
            "io.chassis.testing",
            "io.chassis.health",
            "io.chassis.resilience",
            "io.chassis.tracing",
            "io.chassis.tracing.otel",
            "io.chassis.tracing.jaeger",
            "io.chassis.grpc",
            "io.chassis.security",
            "io.chassis.examples.hello",
            "io.chassis.examples.currency");

    private ModuleBoundaries() {}

    /** No class uses another module's {@code internal} package (or anything below it). */
    static ArchRule noForeignInternals() {
        return ArchRuleDefinition.classes()
                .that()
                .resideInAPackage("io.chassis..")
                .should(new ArchCondition<JavaClass>("use only their own module's internal packages") {
                    @Override
                    public void check(JavaClass origin, ConditionEvents events) {
                        Optional<String> own = root(origin.getPackageName());
                        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                            String target = dependency.getTargetClass().getPackageName();
                            Optional<String> internalOf = internalRoot(target);
                            if (internalOf.isPresent() && !internalOf.equals(own)) {
                                events.add(SimpleConditionEvent.violated(
                                        dependency,
                                        dependency.getDescription() + ": " + target + " is internal to the module of "
                                                + internalOf.get() + "; use its API or SPI instead"));
                            }
                        }
                    }
                })
                .allowEmptyShould(false);
    }

    /** Service code (the examples) uses the service-author API, never the module-author SPI. */
    static ArchRule examplesUseNoSpi() {
        return ArchRuleDefinition.noClasses()
                .that()
                .resideInAPackage("io.chassis.examples..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.chassis.core.spi..")
                .allowEmptyShould(false);
    }

    static Optional<String> root(String packageName) {
        return ROOTS.stream()
                .filter(r -> packageName.equals(r) || packageName.startsWith(r + "."))
                .max(Comparator.comparingInt(String::length));
    }

    /** @return the root of the module whose internal package {@code packageName} is in, if it is one */
    static Optional<String> internalRoot(String packageName) {
        int at = packageName.indexOf(".internal");
        while (at >= 0) {
            int end = at + ".internal".length();
            if (end == packageName.length() || packageName.charAt(end) == '.') {
                return root(packageName.substring(0, at));
            }
            at = packageName.indexOf(".internal", end);
        }
        return Optional.empty();
    }
}

package io.chassis.logging.internal;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.util.Loader;
import io.chassis.config.ChassisConfig;

/**
 * Logback's configurator SPI entry point, listed in
 * {@code META-INF/services/ch.qos.logback.classic.spi.Configurator}.
 *
 * <p>Logback runs every SPI configurator <em>before</em> its own {@code logback.xml} lookup, so this
 * one first checks for a user configuration and, if there is one, steps aside
 * ({@code INVOKE_NEXT_IF_ANY}) to let logback load it. Otherwise it loads the Chassis config and
 * wires JSON or text output to stdout. It never throws: if the config fails to load it falls back
 * to JSON at INFO and writes one warning that says why before its first line (none when nothing is
 * logged); if even that fails, logback's basic console setup runs.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_LOW_PRIORITY)
public final class ChassisConfigurator extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        String userConfig = UserLogbackConfig.find(Loader.getClassLoaderOfObject(this));
        if (userConfig != null) {
            addInfo("Chassis logging steps aside for the user's logback configuration: " + userConfig);
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        try {
            // Reading the configuration and building the JSON encoder are each mostly class loading:
            // the encoder's classes (logstash, Jackson) load on a second core meanwhile.
            Thread warm = new Thread(JsonEncoders::warmUp, "chassis-logging-warm-up");
            warm.setDaemon(true);
            warm.start();
            ResolvedSettings resolved = ResolvedSettings.load(ChassisConfig::load);
            joinQuietly(warm);
            LogbackWiring.install(context, resolved.settings(), resolved.identity(), null);
            if (resolved.settings().shutdownHook()) {
                LogbackWiring.addShutdownHook(context);
            }
            resolved.explainFallbackBeforeFirstLine(context);
            return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
        } catch (RuntimeException | LinkageError e) {
            addError("Chassis logging could not be wired; leaving it to logback's defaults", e);
            context.reset();
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the encoder is then built on this thread, from scratch
        }
    }
}

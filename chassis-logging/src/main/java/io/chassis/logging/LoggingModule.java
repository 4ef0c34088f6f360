package io.chassis.logging;

import io.chassis.config.ConfigChange;
import io.chassis.core.ServiceInfo;
import io.chassis.core.spi.ChassisModule;
import io.chassis.core.spi.ModuleContext;
import io.chassis.core.spi.ModulePhase;
import io.chassis.logging.internal.LoggersEndpoint;
import io.chassis.logging.internal.LoggingMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logging as a Chassis module, found through {@link java.util.ServiceLoader}: having {@code
 * chassis-logging} on the class path is enough.
 *
 * <ul>
 *   <li>Configure: re-wires logging from the service's own configuration (so builder overrides and
 *       profiles apply, see {@link ChassisLogging#configure}) with the service name and version core
 *       resolved (config, builder or jar manifest), and adds the admin {@code /loggers} routes.
 *   <li>Reload: with {@code chassis.config.reload.enabled}, a changed {@code chassis.logging.levels}
 *       or {@code root-level} applies at once (a level set through {@code /loggers} on a logger whose
 *       configured level changed gives way); format, async queue and the rest apply at the next start.
 *   <li>In JSON format, writes core's HTTP access log itself: each line is encoded on the request's
 *       thread and handed over as bytes (see {@code AccessLines}), not as a log event.
 *   <li>Start: registers the meters {@code logback.events} (per level) and {@code
 *       chassis.logging.dropped.events}.
 *   <li>Phase: {@link ModulePhase#LOGGING}, so it is configured first and stopped last.
 *   <li>Stop: writes what is queued. When the JVM is exiting and core's shutdown hook is on, it also
 *       makes sure the last shutdown lines reach stdout; logback's own hook is held back while the
 *       service runs so it cannot stop logging in the middle of the graceful shutdown.
 * </ul>
 *
 * <p>With a user's own {@code logback.xml} the output is left as the user configured it; {@code
 * /loggers} works all the same.
 */
public final class LoggingModule implements ChassisModule {

    private static final Logger LOG = LoggerFactory.getLogger(LoggingModule.class);

    private LogLevels levels;
    private MeterRegistry registry;
    private LoggingMetrics metrics;
    private boolean takeOverHook;
    private ShutdownHandover handover;

    /** Used by {@link java.util.ServiceLoader}. */
    public LoggingModule() {}

    @Override
    public String name() {
        return "logging";
    }

    @Override
    public ModulePhase phase() {
        return ModulePhase.LOGGING;
    }

    /**
     * @throws io.chassis.config.ConfigProblemsException if {@code chassis.logging} is invalid
     * @throws IllegalStateException if SLF4J is bound to something other than logback
     */
    @Override
    public void configure(ModuleContext context) {
        ServiceInfo service = context.service();
        boolean wired = ChassisLogging.configure(context.config(), service.name(), service.version());
        // Remembered by the config: a reload that breaks chassis.logging is rejected.
        context.config().read(LoggingSettings.PATH, LoggingSettings::from);
        takeOverHook = wired && context.config().config().getBoolean("chassis.shutdown.hook");
        if (wired) {
            // JSON lines are written straight from the request's thread, bypassing the event queue.
            ChassisLogging.accessLines(ChassisLogging.context()).forEach(context::setAccessLogWriter);
        }
        levels = LogLevels.create();
        if (wired) {
            context.lifecycle().onConfigChange(this::applyLevels);
        }
        LoggersEndpoint.register(context.admin(), levels);
        registry = context.metrics();
    }

    /** A reloaded {@code chassis.logging.levels} or {@code root-level} applies at once; the rest at the next start. */
    private void applyLevels(ConfigChange change) {
        if (!change.affects(LoggingSettings.PATH + ".levels")
                && !change.affects(LoggingSettings.PATH + ".root-level")) {
            return;
        }
        Map<String, String> before =
                LoggingSettings.from(change.previous().config()).effectiveLevels();
        Map<String, String> after =
                LoggingSettings.from(change.current().config()).effectiveLevels();
        Map<String, String> changed = levels.applyConfigured(before, after);
        if (!changed.isEmpty()) {
            LOG.info("Logger levels changed by configuration: {}", changed);
        }
    }

    /** Binds the meters (after configure's logback reset, which would remove their filter). */
    @Override
    public void start() {
        metrics = LoggingMetrics.bind(registry, ChassisLogging.context());
        if (takeOverHook) {
            handover = ShutdownHandover.takeOver(ChassisLogging.context());
        }
    }

    @Override
    public void stop() {
        if (levels != null) {
            levels.close();
        }
        if (metrics != null) {
            metrics.close();
        }
        if (handover != null) {
            handover.finish();
        } else {
            ShutdownHandover.flush(false);
        }
    }
}

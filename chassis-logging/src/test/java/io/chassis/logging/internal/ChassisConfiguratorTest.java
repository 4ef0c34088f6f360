package io.chassis.logging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chassis.logging.DropCountingAsyncAppender;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class ChassisConfiguratorTest {

    @Test
    void isRegisteredAsALogbackConfiguratorService() {

        ServiceLoader<Configurator> loader = ServiceLoader.load(Configurator.class);

        assertThat(loader.stream().map(ServiceLoader.Provider::type)).contains(ChassisConfigurator.class);
    }

    @Test
    void wiresJsonLinesToStdoutWhenTheUserHasNoLogbackXml() throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(MDC.getMDCAdapter());
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            ChassisConfigurator configurator = new ChassisConfigurator();
            configurator.setContext(context);

            ExecutionStatus status = configurator.configure(context);
            context.getLogger("io.chassis.demo").info("to stdout");
            asyncOf(context).awaitDrained(Duration.ofSeconds(10));

            assertThat(status).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        } finally {
            context.stop();
            System.setOut(original);
        }
        JsonNode line = new ObjectMapper()
                .readTree(captured.toString(StandardCharsets.UTF_8).trim());
        assertThat(line.path("message").asText()).isEqualTo("to stdout");
        assertThat(line.path("logger").asText()).isEqualTo("io.chassis.demo");
    }

    @Test
    void stepsAsideWhenTheUserNamesALogbackConfigurationFile() {
        LoggerContext context = new LoggerContext();
        System.setProperty("logback.configurationFile", "my-logback.xml");
        try {
            ChassisConfigurator configurator = new ChassisConfigurator();
            configurator.setContext(context);

            ExecutionStatus status = configurator.configure(context);

            assertThat(status).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
            assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME)
                            .iteratorForAppenders()
                            .hasNext())
                    .isFalse();
        } finally {
            System.clearProperty("logback.configurationFile");
            context.stop();
        }
    }

    private static DropCountingAsyncAppender asyncOf(LoggerContext context) {
        return (DropCountingAsyncAppender)
                context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(LogbackWiring.ASYNC_APPENDER);
    }
}

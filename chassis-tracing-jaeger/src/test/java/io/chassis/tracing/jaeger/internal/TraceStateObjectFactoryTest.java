package io.chassis.tracing.jaeger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.jaegertracing.internal.JaegerSpan;
import io.jaegertracing.internal.JaegerSpanContext;
import io.jaegertracing.internal.JaegerTracer;
import io.jaegertracing.internal.reporters.InMemoryReporter;
import io.jaegertracing.internal.samplers.ConstSampler;
import io.opentracing.References;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TraceStateObjectFactoryTest {

    final JaegerTracer tracer =
            new JaegerTracer.Builder("svc", new TraceStateObjectFactory()) {}.withSampler(new ConstSampler(true))
                    .withReporter(new InMemoryReporter())
                    .build();

    final JaegerSpanContext caller = new JaegerSpanContext(1, 2, 3, 0, (byte) 1).withTraceState("congo=t61rcWkgMzE");

    @AfterEach
    void close() {
        tracer.close();
    }

    @Test
    void childrenAndGrandchildrenKeepTheCallersTraceState() {
        JaegerSpan server = tracer.buildSpan("server").asChildOf(caller).start();
        JaegerSpan client = tracer.buildSpan("client").asChildOf(server).start();

        assertThat(server.context().getTraceState()).isEqualTo("congo=t61rcWkgMzE");
        assertThat(client.context().getTraceState()).isEqualTo("congo=t61rcWkgMzE");
        assertThat(client.context().getTraceIdLow()).isEqualTo(2);
        assertThat(client.context().getParentId()).isEqualTo(server.context().getSpanId());
    }

    @Test
    void theStateComesFromTheChildOfParentNotAFollowsFromReference() {
        JaegerSpanContext other = new JaegerSpanContext(1, 2, 4, 0, (byte) 1).withTraceState("other=1");

        JaegerSpan span = tracer.buildSpan("x")
                .addReference(References.FOLLOWS_FROM, other)
                .addReference(References.CHILD_OF, caller)
                .start();

        assertThat(span.context().getTraceState()).isEqualTo("congo=t61rcWkgMzE");
    }

    @Test
    void aNewTraceHasNoTraceState() {
        JaegerSpan root = tracer.buildSpan("root").ignoreActiveSpan().start();

        assertThat(root.context().getTraceState()).isNull();
    }
}

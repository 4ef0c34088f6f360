package io.chassis.tracing.jaeger;

import io.chassis.tracing.testing.TracingBackendContract;

/** The backend contract on jaeger-client, reporting to Zipkin. */
class JaegerBackendIT extends TracingBackendContract {}

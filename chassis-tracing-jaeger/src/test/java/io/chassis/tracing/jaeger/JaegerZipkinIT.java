package io.chassis.tracing.jaeger;

import io.chassis.tracing.testing.ZipkinEndToEndContract;

/** A calls B through the Chassis client, both on jaeger-client, reporting to a real Zipkin. */
class JaegerZipkinIT extends ZipkinEndToEndContract {}

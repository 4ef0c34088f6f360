package io.chassis.core.internal.server;

import io.chassis.core.client.ClientConnectionException;
import io.chassis.core.client.ClientException;
import io.chassis.core.client.ClientRejectedException;
import io.chassis.core.client.ClientResponseException;
import io.chassis.core.client.ClientTimeoutException;
import io.chassis.core.http.HttpProblem;
import java.time.Duration;

/**
 * What a named client's failure that escaped a handler means to this service's caller: the
 * dependency timed out (504), refused by a protection (503 with {@code Retry-After}) or failed
 * (502). Details name no internal client or address; the log line does.
 */
final class ClientFailures {

    private final Duration retryAfter;

    ClientFailures(Duration retryAfter) {
        this.retryAfter = retryAfter;
    }

    /** @return the problem to answer, or null when {@code t} is not a client failure that maps to one */
    HttpProblem problem(Throwable t) {
        if (!(t instanceof ClientException)) {
            return null;
        }
        if (t instanceof ClientTimeoutException) {
            return HttpProblem.gatewayTimeout("A service this one depends on did not answer in time.");
        }
        if (t instanceof ClientRejectedException) {
            return HttpProblem.serviceUnavailable(
                    "A service this one depends on is unavailable right now. Retry later.", retryAfter);
        }
        if (t instanceof ClientResponseException response && response.status() < 500) {
            return null; // the handler did not handle a downstream 4xx: a bug here, not there
        }
        if (t instanceof ClientConnectionException || t instanceof ClientResponseException) {
            return HttpProblem.badGateway("A service this one depends on failed.");
        }
        return t.getCause() instanceof InterruptedException
                ? null
                : HttpProblem.badGateway("A service this one depends on answered with an unreadable response.");
    }
}

package io.chassis.core.internal.server;

import io.chassis.core.http.Context;
import io.chassis.core.http.Handler;
import io.chassis.core.http.HttpProblem;
import io.chassis.core.internal.security.AccessRules;
import io.chassis.core.internal.security.CallerToken;
import io.chassis.core.security.Principal;
import io.chassis.core.spi.AccessControl;
import io.undertow.util.Headers;
import org.slf4j.MDC;

/**
 * The access rules on an HTTP route: a protected route's handler is wrapped so that, inside the
 * server filters (traced, timed, rate-limited like any request), the caller is authenticated before
 * the handler runs; a public route keeps its handler as it is. The wrapper is a blocking handler even
 * around a non-blocking one, since an authenticator may have to fetch keys.
 */
final class HttpAccess {

    /** The MDC key (and access-line field) of the caller's subject. */
    static final String SUBJECT = "subject";

    private HttpAccess() {}

    /**
     * @param policy the route's policy; null when access rules do not apply (admin routes)
     * @return the handler to route to
     */
    static Handler guard(Handler handler, AccessControl.Policy policy, AccessRules rules) {
        if (policy == null || policy.isPublic()) {
            return handler;
        }
        // Off the IO thread, whatever the handler is marked, and never moved there: checking a token
        // may fetch signing keys.
        return Handler.blocking(new Guarded(handler, policy, rules));
    }

    private record Guarded(Handler handler, AccessControl.Policy policy, AccessRules rules) implements Handler {

        @Override
        public Object handle(Context ctx) throws Exception {
            ExchangeContext exchange = (ExchangeContext) ctx;
            Principal principal;
            try {
                principal = policy.check(exchange);
            } catch (AccessControl.Denied denied) {
                HttpProblem problem = denied.reason() == AccessControl.Denied.Reason.UNAUTHENTICATED
                        ? HttpProblem.unauthorized(denied.getMessage())
                        : HttpProblem.forbidden(denied.getMessage());
                throw problem.header("WWW-Authenticate", denied.challenge());
            }
            exchange.principal(principal);
            String subject = rules.subjectForLogs(principal.subject());
            if (subject != null) {
                ctx.mdc(SUBJECT, subject);
                MDC.put(SUBJECT, subject);
            }
            // for named clients with forward-token = true
            String token = ctx.unsafeExchange().getRequestHeaders().getFirst(Headers.AUTHORIZATION);
            String previous = CallerToken.set(token);
            try {
                return handler.handle(ctx);
            } finally {
                CallerToken.restore(previous);
                if (subject != null) {
                    MDC.remove(SUBJECT);
                }
            }
        }
    }
}

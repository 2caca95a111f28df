package de.fallnetz.gateway.cases;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.jboss.resteasy.reactive.RestResponse;

import de.fallnetz.contracts.cases.CaseResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;

/**
 * Admission control for opening cases: a SmallRye Fault Tolerance bulkhead sized by {@link CaseOpeningConfig}, built
 * programmatically so that its limits come from configuration. The openings are non-blocking, so the waiting places
 * are a queue, not blocked threads. A caller past the limit and the waiting places gets
 * {@link CaseOpeningBusyException} at once; {@code fallnetz_gateway_case_openings_refused_total} counts them.
 */
@ApplicationScoped
public class CaseOpeningAdmission {

    private static final TypeLiteral<Uni<RestResponse<CaseResponse>>> OPENED = new TypeLiteral<>() {
    };

    private final Guard guard;

    public CaseOpeningAdmission(CaseOpeningConfig config, MeterRegistry metrics) {
        Counter refused = Counter.builder("fallnetz.gateway.case.openings.refused")
                .description("Case openings refused with 503 because too many were under way at once")
                .register(metrics);
        this.guard = Guard.create().withDescription("case-opening")
                .withBulkhead().limit(config.maxConcurrent()).queueSize(config.maxWaiting())
                .onRejected(refused::increment).done()
                .build();
    }

    Uni<RestResponse<CaseResponse>> open(Supplier<Uni<RestResponse<CaseResponse>>> call, String idempotencyKey) {
        return guard.get(call, OPENED).onFailure(BulkheadException.class)
                .transform(e -> new CaseOpeningBusyException(idempotencyKey));
    }
}

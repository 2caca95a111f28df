package de.fallnetz.cases.domain;

import java.time.Instant;
import java.time.ZonedDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import de.fallnetz.cases.catalogue.CaseTypeCatalogue;
import de.fallnetz.cases.catalogue.CaseTypeVersion;
import io.quarkus.scheduler.Scheduled;

/**
 * Erases the personal data of finished cases (closed or withdrawn) once the retention period of their case type's
 * catalogue version has passed. What stays is anonymous: case type, office, status, dates and outcome, for the
 * statistics; the decision letter's hash stays on the timeline, its content goes.
 */
@ApplicationScoped
public class RetentionService {

    private static final Logger LOG = Logger.getLogger(RetentionService.class);

    private final CaseTypeCatalogue catalogue;

    public RetentionService(CaseTypeCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Scheduled(cron = "{fallnetz.cases.retention-cron:0 15 3 * * ?}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void nightly() {
        int erased = eraseExpired(Instant.now());
        if (erased > 0) {
            LOG.infof("Erased the personal data of %d finished cases after their retention period", erased);
        }
    }

    /** Erases what is due at {@code now}; returns how many cases. */
    @Transactional
    public int eraseExpired(Instant now) {
        int erased = 0;
        for (String code : catalogue.codes()) {
            for (CaseTypeVersion version : catalogue.versions(code)) {
                Instant cutoff = ZonedDateTime.ofInstant(now, CaseService.OFFICE_ZONE).minus(version.retention())
                        .toInstant();
                erased += erase(code, version.version(), cutoff, now);
            }
        }
        return erased;
    }

    private static int erase(String code, int version, Instant cutoff, Instant now) {
        var em = CaseEntity.getEntityManager();
        String due = "select id from fallnetz_case where case_type = ?1 and catalogue_version = ?2 and erased_at is null"
                + " and closed_at < ?3";
        em.createNativeQuery("update case_document set content = ''::bytea where case_id in (" + due + ")")
                .setParameter(1, code).setParameter(2, version).setParameter(3, cutoff).executeUpdate();
        em.createNativeQuery("update case_checklist_item set note = null where case_id in (" + due + ")")
                .setParameter(1, code).setParameter(2, version).setParameter(3, cutoff).executeUpdate();
        em.createNativeQuery("update case_interaction set reasons = null, conditions = '{}' where case_id in ("
                + due + ")").setParameter(1, code).setParameter(2, version).setParameter(3, cutoff).executeUpdate();
        return em.createNativeQuery("""
                update fallnetz_case set family_name = null, given_names = null, date_of_birth = null,
                    nationality = null, azr_number = null, applicant_email = null, person_key = null, application = '{}'::jsonb,
                    on_behalf_of = null, hearing_statement = null, idempotency_key = null, request_hash = null,
                    erased_at = ?4, version = version + 1
                where case_type = ?1 and catalogue_version = ?2 and erased_at is null and closed_at < ?3""")
                .setParameter(1, code).setParameter(2, version).setParameter(3, cutoff).setParameter(4, now)
                .executeUpdate();
    }
}

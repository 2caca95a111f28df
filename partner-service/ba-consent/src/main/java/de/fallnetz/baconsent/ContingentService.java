package de.fallnetz.baconsent;

import java.time.Instant;
import java.time.ZonedDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import de.fallnetz.interactions.deadline.InteractionClock;

/**
 * Places of the Western Balkans contingent. A place is taken with one conditional update in the caller's transaction,
 * so any number of concurrent requests never take more places than the month's quota; the year is part of the key,
 * so an unused quota does not carry over.
 */
@ApplicationScoped
public class ContingentService {

    private final EntityManager em;
    private final ContingentConfig config;

    public ContingentService(EntityManager em, ContingentConfig config) {
        this.em = em;
        this.config = config;
    }

    /** Whether {@code country} is one of the contingent's countries. */
    public boolean covers(String country) {
        return country != null && config.shares().containsKey(country);
    }

    /** The monthly quota of a country. */
    public int monthlyQuota(String country) {
        return (int) Math.floor(config.annualQuota() * config.shares().getOrDefault(country, 0.0) / 12);
    }

    /** Takes a place in the month of {@code at} (German time) for {@code country}; false when none is left. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean reserve(String country, Instant at) {
        ZonedDateTime local = at.atZone(InteractionClock.ZONE);
        em.createNativeQuery("""
                insert into contingent (year, month, country, quota, used) values (?1, ?2, ?3, ?4, 0)
                on conflict do nothing""")
                .setParameter(1, local.getYear()).setParameter(2, local.getMonthValue()).setParameter(3, country)
                .setParameter(4, monthlyQuota(country)).executeUpdate();
        return em.createNativeQuery("""
                update contingent set used = used + 1
                where year = ?1 and month = ?2 and country = ?3 and used < quota""")
                .setParameter(1, local.getYear()).setParameter(2, local.getMonthValue()).setParameter(3, country)
                .executeUpdate() == 1;
    }
}

package de.fallnetz.interactions.partners;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A partner organisation and what it is responsible for (domain §0, §5). */
@Entity
@Table(name = "partner_organisation")
public class PartnerOrganisationEntity extends PanacheEntityBase {

    /** The organisation ID, as the partner token's {@code partner_org} claim names it. */
    @Id
    public String id;

    public String name;

    /** The actor role of domain §0, e.g. {@code BA_ZAV}, {@code MELDEBEHOERDE}. */
    public String role;

    /** The interaction kinds it handles. */
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> kinds;

    /** The offices it serves by name. */
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> offices;

    /** The Länder it serves (ISO 3166-2, e.g. {@code DE-BE}). */
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> laender;

    /** Whether it serves every office no organisation names by office or Land. */
    public boolean nationwide;

    @Column(name = "loaded_at")
    public Instant loadedAt;

    /**
     * How closely it serves {@code officeId} in {@code land} for {@code kind}: 3 names the office, 2 the Land, 1
     * nationwide, 0 not at all.
     */
    public int serves(String kind, String officeId, String land) {
        if (!kinds.contains(kind)) {
            return 0;
        }
        if (offices.contains(officeId)) {
            return 3;
        }
        if (laender.contains(land)) {
            return 2;
        }
        return nationwide ? 1 : 0;
    }
}

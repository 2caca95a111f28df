package de.fallnetz.interactions.partners;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import de.fallnetz.interactions.deadline.InteractionClock;
import io.quarkus.runtime.StartupEvent;

/**
 * The partner organisations as data: loaded from {@code partner-organisations.json} (in the repository) into the
 * {@code partner_organisation} table at every start, and asked which organisation is responsible for a request.
 */
@ApplicationScoped
public class PartnerDirectory {

    static final String FILE = "partner-organisations.json";
    private static final Logger LOG = Logger.getLogger(PartnerDirectory.class);

    /** One organisation as the file lists it. */
    record Organisation(String id, String name, String role, List<String> kinds, List<String> offices,
            List<String> laender, boolean nationwide) {
    }

    /** The file. */
    record OrganisationsFile(List<Organisation> organisations) {
    }

    private final EntityManager em;
    private final ObjectMapper mapper;
    private final InteractionClock clock;

    public PartnerDirectory(EntityManager em, ObjectMapper mapper, InteractionClock clock) {
        this.em = em;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Loads the file; an upsert per organisation, so replicas starting together agree. */
    @Transactional
    void load(@Observes StartupEvent start) {
        OrganisationsFile file;
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException("No " + FILE + " on the class path");
            }
            file = mapper.readerFor(OrganisationsFile.class)
                    .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Organisation o : file.organisations()) {
            em.createNativeQuery("""
                    insert into partner_organisation (id, name, role, kinds, offices, laender, nationwide, loaded_at)
                    values (?1, ?2, ?3, cast(?4 as jsonb), cast(?5 as jsonb), cast(?6 as jsonb), ?7, ?8)
                    on conflict (id) do update set name = excluded.name, role = excluded.role,
                        kinds = excluded.kinds, offices = excluded.offices, laender = excluded.laender,
                        nationwide = excluded.nationwide, loaded_at = excluded.loaded_at""")
                    .setParameter(1, o.id()).setParameter(2, o.name()).setParameter(3, o.role())
                    .setParameter(4, json(o.kinds())).setParameter(5, json(o.offices()))
                    .setParameter(6, json(o.laender())).setParameter(7, o.nationwide())
                    .setParameter(8, Timestamp.from(clock.instant())).executeUpdate();
        }
        LOG.infof("%d partner organisations loaded from %s", file.organisations().size(), FILE);
    }

    /**
     * The organisation responsible for a request of {@code kind} from {@code officeId} in {@code land}: the one that
     * names the office, else the Land, else a nationwide one; of equals, {@code addressed} (the catalogue's
     * addressee) if it is one of them, else the first by ID. Empty when no organisation handles the kind there.
     */
    public Optional<String> responsible(String kind, String officeId, String land, String addressed) {
        List<PartnerOrganisationEntity> all = PartnerOrganisationEntity.listAll();
        return all.stream().filter(o -> o.serves(kind, officeId, land) > 0)
                .max(Comparator.<PartnerOrganisationEntity>comparingInt(o -> o.serves(kind, officeId, land))
                        .thenComparing(o -> o.id.equals(addressed))
                        .thenComparing(o -> o.id, Comparator.reverseOrder()))
                .map(o -> o.id);
    }

    public Optional<PartnerOrganisationEntity> find(String id) {
        return PartnerOrganisationEntity.findByIdOptional(id);
    }

    private String json(List<String> values) {
        try {
            return mapper.writeValueAsString(values == null ? List.of() : values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

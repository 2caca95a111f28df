package de.fallnetz.partners.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import de.fallnetz.devstack.FallnetzStackResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The platform's datasource defaults keep the contents of rows out of error messages, and so out of logs. */
@QuarkusTest
@WithTestResource(value = FallnetzStackResource.class,
        initArgs = @ResourceArg(name = "service", value = "partner-service"))
class DatabaseErrorsTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldNotQuoteTheFailingRowInTheMessageOfAConstraintViolation() throws Exception {
        String personal = "Nguyen Thi Lan 1994-03-17 " + UUID.randomUUID();
        try (Connection c = dataSource.getConnection()) {
            insert(c, personal);
            Throwable failure = catchThrowable(() -> insert(c, personal));

            assertThat(failure).hasMessageContaining("partner_case_pkey");
            assertThat(failure.toString()).doesNotContain(personal);
            c.createStatement().executeUpdate("delete from partner_case where case_id = '" + personal + "'");
        }
    }

    private static void insert(Connection c, String caseId) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into partner_case (case_id, case_type, office_id, registered_at) values (?, 'X', 'Y', now())")) {
            ps.setString(1, caseId);
            ps.executeUpdate();
        }
    }
}

package de.fallnetz.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import de.fallnetz.devstack.DatabaseTestClient;
import de.fallnetz.devstack.EmbeddedMailServer;
import de.fallnetz.devstack.FallnetzService;
import de.fallnetz.devstack.Fixtures;
import de.fallnetz.devstack.KafkaTestClient;
import de.fallnetz.devstack.MailEndpoints;

/**
 * kill -9 of notification-service while it delivers a queue of applicant mails: after the restart every mail
 * arrives at the SMTP server, and none twice except the one that may have been on the wire (the in-doubt window of
 * docs/services/notification-service.md), which then comes again with the same Message-ID.
 */
class NotificationCrashIT {

    private static final int CASES = 30;
    /** A slow sender (two mails per quarter second), so the kill finds mails sent, on the wire and waiting. */
    private static final Map<String, String> SLOW = Map.of(
            "FALLNETZ_NOTIFICATIONS_DELIVERY_BATCH_SIZE", "2",
            "FALLNETZ_NOTIFICATIONS_DELIVERY_POLL_INTERVAL", "250ms",
            "FALLNETZ_NOTIFICATIONS_DELIVERY_LEASE", "10s");
    /** After the restart: the normal pace, and a lease short enough that the killed claim is taken again soon. */
    private static final Map<String, String> SHORT_LEASE = Map.of("FALLNETZ_NOTIFICATIONS_DELIVERY_LEASE", "10s");

    private static MailEndpoints mail;
    private static RunningSystem system;

    @BeforeAll
    static void start() {
        // Before the system: notification-service sends to the mail server published in this JVM.
        mail = EmbeddedMailServer.shared();
        system = RunningSystem.get();
    }

    @Test
    void shouldDeliverEveryMailAndNoneTwiceBeyondTheInDoubtWindowWhenKilledWhileDelivering() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        // The events queue up in Kafka while notification-service is down; it starts with a long queue to send.
        system.kill(FallnetzService.NOTIFICATION_SERVICE);
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            String address = "crash-" + run + "-" + i + "@example.org";
            addresses.add(address);
            openCase(address);
        }
        system.restart(FallnetzService.NOTIFICATION_SERVICE, SLOW);

        DatabaseTestClient deliveries = system.db(FallnetzService.NOTIFICATION_SERVICE);
        String ours = "recipient like 'crash-" + run + "-%'";
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> deliveries.count("delivery", ours + " and status = 'SENT'") >= 3);
        system.kill(FallnetzService.NOTIFICATION_SERVICE);
        long sentBeforeKill = deliveries.count("delivery", ours + " and status = 'SENT'");
        assertThat(sentBeforeKill).as("mails still to send at the kill").isLessThan(CASES);

        system.restart(FallnetzService.NOTIFICATION_SERVICE, SHORT_LEASE);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> deliveries.count("delivery", ours + " and status = 'SENT'") == CASES);

        Map<String, List<String>> received = new LinkedHashMap<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            for (String address : addresses) {
                received.put(address, messageIds(address));
            }
            return received.values().stream().noneMatch(List::isEmpty);
        });
        long total = received.values().stream().mapToLong(List::size).sum();
        assertThat(total - CASES).as("mails sent twice (only the one on the wire at the kill may be)")
                .isLessThanOrEqualTo(1);
        received.forEach((address, ids) -> assertThat(ids).as(address).hasSizeBetween(1, 2)
                .allMatch(id -> id.equals(ids.get(0))));
        assertThat(deliveries.count("delivery", ours)).isEqualTo(CASES);
    }

    /**
     * Leaves the system as the other tests expect it. The killed instance stays in the consumer group until its
     * session times out (15 s, platform-messaging's setting); only then does the running one get the partitions and
     * re-read (and count as duplicates) what the killed one had not committed. Waiting until the group holds just
     * the running instance's two consumers and has committed everything keeps those re-reads out of the next test's
     * duplicate counts; then the service gets its usual settings back (a clean stop leaves the group at once).
     */
    @AfterAll
    static void catchUpAndRestoreSettings() throws Exception {
        String group = FallnetzService.NOTIFICATION_SERVICE.id();
        try (KafkaTestClient kafka = new KafkaTestClient(system.stack().kafkaBootstrapServers())) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .until(() -> {
                        boolean settled = kafka.settled(group, 2);
                        long lag = kafka.lag(group);
                        System.out.printf("NotificationCrashIT: group %s settled=%s lag=%d%n", group, settled, lag);
                        return settled && lag == 0;
                    });
        }
        system.restart(FallnetzService.NOTIFICATION_SERVICE, Map.of());
    }

    private static void openCase(String email) {
        String body = Fixtures.openCaseJson().replace("\"preferredLanguage\": \"vi\"",
                "\"preferredLanguage\": \"vi\", \"email\": \"" + email + "\"");
        system.openCase(body);
    }

    /** The Message-IDs in the address's inbox, read over IMAP as a mail client would. */
    private static List<String> messageIds(String address) throws MessagingException {
        Properties props = new Properties();
        Store store = Session.getInstance(props).getStore("imap");
        try {
            store.connect(mail.host(), mail.imapPort(), address, address);
        } catch (AuthenticationFailedException e) {
            return List.of(); // the account is made on the first delivery: none yet
        }
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            List<String> ids = new ArrayList<>();
            for (Message m : inbox.getMessages()) {
                String[] header = m.getHeader("Message-ID");
                ids.add(header == null ? "" : header[0]);
            }
            inbox.close(false);
            return ids;
        } finally {
            store.close();
        }
    }
}

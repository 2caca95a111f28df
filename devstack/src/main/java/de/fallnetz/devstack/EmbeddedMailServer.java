package de.fallnetz.devstack;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * A real SMTP and IMAP server (GreenMail) on this machine. Every recipient gets a mailbox on first delivery; read it
 * over IMAP with the recipient's address as both user name and password. Needs {@code com.icegreen:greenmail} on the
 * class path (an optional dependency of devstack: the launcher has it, a test that needs mail declares it).
 */
public final class EmbeddedMailServer implements AutoCloseable {

    /** Fixed ports under {@code ./run}. */
    public static final int SMTP_PORT = 3025;
    public static final int IMAP_PORT = 3143;
    static final String HOST = "127.0.0.1";

    private final GreenMail greenMail;
    private final MailEndpoints endpoints;

    private EmbeddedMailServer(GreenMail greenMail, MailEndpoints endpoints) {
        this.greenMail = greenMail;
        this.endpoints = endpoints;
    }

    /** Starts the server; a port of 0 picks a free one. Publishes its endpoints for {@link FallnetzService}. */
    public static EmbeddedMailServer start(int smtpPort, int imapPort) {
        int smtp = DevStack.free(smtpPort);
        int imap = DevStack.free(imapPort);
        GreenMail greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(smtp, HOST, ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imap, HOST, ServerSetup.PROTOCOL_IMAP) });
        greenMail.start();
        MailEndpoints endpoints = new MailEndpoints(HOST, smtp, imap);
        endpoints.publish();
        return new EmbeddedMailServer(greenMail, endpoints);
    }

    /** One server per JVM for tests, started on free ports by whoever asks first and stopped when the JVM exits. */
    public static synchronized MailEndpoints shared() {
        MailEndpoints published = MailEndpoints.published();
        if (published != null) {
            return published;
        }
        EmbeddedMailServer server = start(0, 0);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "fallnetz-mail-shutdown"));
        return server.endpoints();
    }

    public MailEndpoints endpoints() {
        return endpoints;
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}

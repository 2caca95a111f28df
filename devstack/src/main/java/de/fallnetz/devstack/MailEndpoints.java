package de.fallnetz.devstack;

/**
 * Where the local mail server can be reached: SMTP for the notification-service, IMAP for whoever reads the mail. A
 * plain record without GreenMail types, so that code that only passes the ports on needs no mail library.
 */
public record MailEndpoints(String host, int smtpPort, int imapPort) {

    private static final String PROPERTY = "fallnetz.devstack.mail";

    /** Published as a system property, like {@link StackEndpoints}, for every class loader in the JVM. */
    void publish() {
        System.setProperty(PROPERTY, host + "|" + smtpPort + "|" + imapPort);
    }

    /** The mail server started in this JVM, or null if none was. */
    public static MailEndpoints published() {
        String value = System.getProperty(PROPERTY);
        if (value == null) {
            return null;
        }
        String[] parts = value.split("\\|");
        return new MailEndpoints(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
    }
}

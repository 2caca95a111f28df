package de.fallnetz.notifications;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import jakarta.mail.BodyPart;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.Store;

import de.fallnetz.devstack.EmbeddedMailServer;
import de.fallnetz.devstack.MailEndpoints;

/** Reads a recipient's mailbox over IMAP from the test's mail server, as a person with a mail client would. */
final class Mailbox {

    /** One mail: subject, the plain and HTML parts, and the Message-ID. */
    record Mail(String subject, String text, String html, String messageId, String contentType) {
    }

    private Mailbox() {
    }

    static List<Mail> of(String address) {
        MailEndpoints mail = EmbeddedMailServer.shared();
        Properties props = new Properties();
        props.put("mail.imap.host", mail.host());
        props.put("mail.imap.port", String.valueOf(mail.imapPort()));
        try {
            Store store = Session.getInstance(props).getStore("imap");
            try {
                store.connect(mail.host(), mail.imapPort(), address, address);
            } catch (jakarta.mail.AuthenticationFailedException e) {
                // GreenMail creates the account on first delivery: none yet means no mail yet.
                return List.of();
            }
            try {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                List<Mail> mails = new ArrayList<>();
                for (Message m : inbox.getMessages()) {
                    String text = null;
                    String html = null;
                    Object content = m.getContent();
                    if (content instanceof Multipart multipart) {
                        for (int i = 0; i < multipart.getCount(); i++) {
                            BodyPart part = multipart.getBodyPart(i);
                            if (part.isMimeType("text/plain")) {
                                text = (String) part.getContent();
                            } else if (part.isMimeType("text/html")) {
                                html = (String) part.getContent();
                            }
                        }
                    } else {
                        text = String.valueOf(content);
                    }
                    String[] ids = m.getHeader("Message-ID");
                    mails.add(new Mail(m.getSubject(), text, html, ids == null ? null : ids[0], m.getContentType()));
                }
                inbox.close(false);
                return mails;
            } finally {
                store.close();
            }
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

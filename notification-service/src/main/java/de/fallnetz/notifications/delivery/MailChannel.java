package de.fallnetz.notifications.delivery;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;

/**
 * E-mail over SMTP (Quarkus mailer, {@code quarkus.mailer.*}): multipart plain text and HTML. The Message-ID is the
 * delivery's ID, so a message sent again after a crash is recognisably the same one.
 */
@ApplicationScoped
public class MailChannel implements Channel {

    private final Mailer mailer;

    public MailChannel(Mailer mailer) {
        this.mailer = mailer;
    }

    @Override
    public String name() {
        return DeliveryQueue.EMAIL;
    }

    @Override
    public Result send(ClaimedDelivery d) {
        try {
            Mail mail = Mail.withText(d.recipient(), d.subject(), d.textBody())
                    .addHeader("Message-ID", messageId(d))
                    .addHeader("X-Fallnetz-Case", d.caseId());
            if (d.htmlBody() != null) {
                mail.setHtml(d.htmlBody());
            }
            mailer.send(mail);
            return Result.ok(null);
        } catch (RuntimeException e) {
            return Result.failed(null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    static String messageId(ClaimedDelivery d) {
        return "<" + d.id() + "@notifications.fallnetz>";
    }
}

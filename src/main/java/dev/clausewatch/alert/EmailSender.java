package dev.clausewatch.alert;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Properties;

/**
 * Sends an alert by SMTP as multipart/alternative (plain text and HTML). The idempotency key is
 * in a header so a mailbox rule or a support desk can tell a retried message from a new one.
 */
public final class EmailSender implements Sender {
    private final Session session;
    private final String from;
    private final String baseUrl;

    public EmailSender(String smtpHost, int smtpPort, String from, String baseUrl) {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", smtpHost);
        properties.put("mail.smtp.port", Integer.toString(smtpPort));
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "10000");
        this.session = Session.getInstance(properties);
        this.from = from;
        this.baseUrl = baseUrl;
    }

    @Override
    public void send(Channel channel, Notice notice, String idempotencyKey) throws Failure {
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(from));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(channel.address()));
            message.setSubject(notice.subject(), "UTF-8");
            message.setHeader("X-Clausewatch-Delivery", idempotencyKey);
            MimeBodyPart text = new MimeBodyPart();
            text.setText(AlertText.plain(notice, baseUrl), "UTF-8");
            MimeBodyPart html = new MimeBodyPart();
            html.setContent(AlertText.html(notice, baseUrl), "text/html; charset=UTF-8");
            message.setContent(new MimeMultipart("alternative", text, html));
            Transport.send(message);
        } catch (jakarta.mail.internet.AddressException e) {
            throw new Failure("\"" + channel.address() + "\" is not an address: " + e.getMessage(), false);
        } catch (MessagingException e) {
            throw new Failure("the mail server did not take the message: " + e.getMessage(), true);
        }
    }

    /** A plain-text mail to one person (a reset link, an invitation): sent now, or a failure saying whether a retry may succeed. */
    public void sendText(String to, String subject, String body) throws Failure {
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(from));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
            message.setSubject(subject, "UTF-8");
            message.setText(body, "UTF-8");
            Transport.send(message);
        } catch (jakarta.mail.internet.AddressException e) {
            throw new Failure("\"" + to + "\" is not an address: " + e.getMessage(), false);
        } catch (MessagingException e) {
            throw new Failure("the mail server did not take the message: " + e.getMessage(), true);
        }
    }
}

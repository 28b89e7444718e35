package com.fairtradeworker.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mail.javamail.JavaMailSenderImpl;

@ExtendWith(OutputCaptureExtension.class)
class MailTransportConfigurationTest {

    @Test
    void aSendgridKeySelectsSendgridsRelayWithStarttlsRequired() {
        EmailSettings email = settings("SG.key", "smtp.other.test", 2525, "user", "password");

        JavaMailSenderImpl sender = smtpSender(MailTransportConfiguration.select(email, "production"));

        assertThat(sender.getHost()).isEqualTo("smtp.sendgrid.net");
        assertThat(sender.getPort()).isEqualTo(587);
        assertThat(sender.getUsername()).isEqualTo("apikey");
        assertThat(sender.getPassword()).isEqualTo("SG.key");
        assertThat(sender.getJavaMailProperties())
                .containsEntry("mail.smtp.auth", "true")
                .containsEntry("mail.smtp.starttls.enable", "true")
                .containsEntry("mail.smtp.starttls.required", "true")
                .containsEntry("mail.smtp.ssl.checkserveridentity", "true")
                .containsEntry("mail.smtp.connectiontimeout", "10000")
                .containsEntry("mail.smtp.timeout", "10000")
                .containsEntry("mail.smtp.writetimeout", "10000");
    }

    @Test
    void anSmtpHostIsUsedWithItsPortAndCredentialsAndOpportunisticStarttls() {
        EmailSettings email = settings(null, "smtp.example.test", 2525, "user", "password");

        JavaMailSenderImpl sender = smtpSender(MailTransportConfiguration.select(email, "production"));

        assertThat(sender.getHost()).isEqualTo("smtp.example.test");
        assertThat(sender.getPort()).isEqualTo(2525);
        assertThat(sender.getUsername()).isEqualTo("user");
        assertThat(sender.getJavaMailProperties())
                .containsEntry("mail.smtp.auth", "true")
                .containsEntry("mail.smtp.starttls.enable", "true")
                .containsEntry("mail.smtp.starttls.required", "false")
                .containsEntry("mail.smtp.timeout", "10000");
    }

    @Test
    void anSmtpHostWithoutPortOrCredentialsUsesPort587WithoutLogin() {
        EmailSettings email = settings(null, "smtp.example.test", null, null, null);

        JavaMailSenderImpl sender = smtpSender(MailTransportConfiguration.select(email, "development"));

        assertThat(sender.getPort()).isEqualTo(587);
        assertThat(sender.getUsername()).isNull();
        assertThat(sender.getJavaMailProperties()).doesNotContainKey("mail.smtp.auth");
    }

    @Test
    void port465SpeaksTlsFromTheFirstByte() {
        JavaMailSenderImpl sender = smtpSender(
                MailTransportConfiguration.select(settings(null, "smtp.example.test", 465, "u", "p"), "production"));

        assertThat(sender.getProtocol()).isEqualTo("smtps");
        assertThat(sender.getJavaMailProperties())
                .containsEntry("mail.smtps.auth", "true")
                .containsEntry("mail.smtps.timeout", "10000");
    }

    @Test
    void withoutSmtpDevelopmentWritesEachMailWithItsLinkToTheLog(CapturedOutput output) {
        MailTransport transport =
                MailTransportConfiguration.select(settings(null, null, null, null, null), "development");

        transport.send(new DeliverableMail(
                UUID.randomUUID(), "dev@example.test", "Confirm", "Open https://localhost/verify?token=abc123"));

        assertThat(transport).isInstanceOf(DevelopmentLogMailTransport.class);
        assertThat(output.getOut())
                .contains("DEVELOPMENT MAIL (not sent)")
                .contains("dev@example.test")
                .contains("https://localhost/verify?token=abc123");
    }

    @Test
    void productionRefusesToLogMailInsteadOfSendingIt() {
        EmailSettings nothing = settings(null, " ", null, null, null);

        assertThatThrownBy(() -> MailTransportConfiguration.select(nothing, "production"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SENDGRID_API_KEY or SMTP_HOST");
        assertThatThrownBy(() -> new DevelopmentLogMailTransport("PRODUCTION"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anInvalidSenderAddressIsRefusedAtStartUp() {
        EmailSettings email =
                new EmailSettings("not an address", null, "smtp.example.test", null, null, null, true, false);

        assertThatThrownBy(() -> MailTransportConfiguration.select(email, "development"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("EMAIL_FROM");
    }

    @Test
    void settingsNeverPrintSecrets() {
        assertThat(settings("SG.key", "smtp.example.test", 25, "user", "hunter2")
                        .toString())
                .doesNotContain("SG.key")
                .doesNotContain("hunter2");
    }

    private static EmailSettings settings(String sendgridKey, String host, Integer port, String user, String password) {
        return new EmailSettings("noreply@fairtradeworker.test", sendgridKey, host, port, user, password, true, false);
    }

    private static JavaMailSenderImpl smtpSender(MailTransport transport) {
        assertThat(transport).isInstanceOf(SmtpMailTransport.class);
        return ((SmtpMailTransport) transport).sender();
    }
}

package com.fairtradeworker.support;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the suite's in-process servers that Spring does not start itself (today: the SMTP server), once per JVM, and
 * points the application at them. Registered on {@link IntegrationTest}, identically for every test class, so the
 * whole suite keeps sharing one application context.
 */
public final class TestServers implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** Started on first use, so unit tests that never boot the application never start it. */
    private static final class Mail {
        static final TestMailServer SERVER = TestMailServer.start();
    }

    public static TestMailServer mail() {
        return Mail.SERVER;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        // Plain SMTP without credentials, whatever the machine's SENDGRID_API_KEY or SMTP_* say.
        TestPropertyValues.of(
                        "app.email.sendgrid-api-key=",
                        "app.email.smtp-host=127.0.0.1",
                        "app.email.smtp-port=" + mail().port(),
                        "app.email.smtp-username=",
                        "app.email.smtp-password=",
                        "app.email.smtp-starttls=false")
                .applyTo(context);
    }
}

package com.fairtradeworker.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.LoggerFactory;

/**
 * Keeps every log line the application writes once the suite's context is up (message, MDC and stack traces), so tests
 * can prove that secrets never reach the logs.
 */
public final class CapturedLogs extends AppenderBase<ILoggingEvent> {

    private static final int MAX_LINES = 200_000;
    private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();

    static CapturedLogs install() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        CapturedLogs appender = new CapturedLogs();
        appender.setContext(context);
        appender.setName("captured-logs");
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
        return appender;
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (lines.size() >= MAX_LINES) {
            lines.poll();
        }
        StringBuilder line =
                new StringBuilder(event.getFormattedMessage()).append(' ').append(event.getMDCPropertyMap());
        for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
            line.append(" | ").append(cause.getClassName()).append(": ").append(cause.getMessage());
        }
        lines.add(line.toString());
    }

    public List<String> lines() {
        return new ArrayList<>(lines);
    }
}

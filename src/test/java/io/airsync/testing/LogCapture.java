package io.airsync.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Every log record of the process while open, at every level, as the text a log line would show: the formatted
 * message, its logger, and the stack trace of any exception. A handler on the root logger (JBoss LogManager under
 * Quarkus), so it sees what the console and CloudWatch would.
 *
 * <pre>{@code try (LogCapture logs = LogCapture.start()) { ...; assertFalse(logs.contains(secret)); }}</pre>
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final List<String> lines = new ArrayList<>();
    private final SimpleFormatter formatter = new SimpleFormatter();
    private final Logger root = Logger.getLogger("");

    private LogCapture() {
        setLevel(Level.ALL);
        root.addHandler(this);
    }

    public static LogCapture start() {
        return new LogCapture();
    }

    @Override
    public void publish(LogRecord record) {
        StringBuilder line = new StringBuilder().append(record.getLevel()).append(' ')
                .append(record.getLoggerName()).append(": ")
                .append(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : formatter.formatMessage(record));
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append('\n').append(trace);
        }
        synchronized (lines) {
            lines.add(line.toString());
        }
    }

    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** The lines that contain {@code text}. */
    public List<String> linesContaining(String text) {
        return lines().stream().filter(l -> l.contains(text)).toList();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        root.removeHandler(this);
    }
}

package io.airsync.testing.reliability;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Everything a run prints while the capture is open: every log record of every logger (message with its parameters
 * filled in, and the full stack trace of its exception with all causes), and everything written to
 * {@code System.out} and {@code System.err} (the metrics line, anything printed directly). Airsync's own loggers are
 * turned up to DEBUG meanwhile, so that debug lines are searched too. Output still reaches the console.
 */
public final class OutputCapture implements AutoCloseable {

    private static final List<String> VERBOSE = List.of("io.airsync");

    private final StringBuilder logs = new StringBuilder();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final Handler handler;
    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private final List<Level> originalLevels = new ArrayList<>();
    /** Held strongly so the levels stick while the capture is open. */
    private final List<Logger> verboseLoggers = new ArrayList<>();

    private OutputCapture() {
        handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage()
                        : new java.util.logging.SimpleFormatter().formatMessage(record);
                StringBuilder line = new StringBuilder().append(record.getLevel()).append(' ')
                        .append(record.getLoggerName()).append(' ').append(message).append('\n');
                if (record.getThrown() != null) {
                    StringWriter trace = new StringWriter();
                    record.getThrown().printStackTrace(new PrintWriter(trace));
                    line.append(trace);
                }
                synchronized (logs) {
                    logs.append(line);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        handler.setLevel(Level.ALL);
    }

    public static OutputCapture start() {
        OutputCapture capture = new OutputCapture();
        Logger.getLogger("").addHandler(capture.handler);
        for (String name : VERBOSE) {
            Logger logger = Logger.getLogger(name);
            capture.verboseLoggers.add(logger);
            capture.originalLevels.add(logger.getLevel());
            logger.setLevel(Level.FINE);
        }
        System.setOut(new PrintStream(new Tee(capture.originalOut, capture.printed), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(capture.originalErr, capture.printed), true, StandardCharsets.UTF_8));
        return capture;
    }

    /** The log records so far, one line each (plus stack traces). */
    public String logs() {
        synchronized (logs) {
            return logs.toString();
        }
    }

    /** Logs and printed output so far. */
    public String all() {
        synchronized (printed) {
            return logs() + "\n" + printed.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        System.setOut(originalOut);
        System.setErr(originalErr);
        Logger.getLogger("").removeHandler(handler);
        for (int i = 0; i < verboseLoggers.size(); i++) {
            verboseLoggers.get(i).setLevel(originalLevels.get(i));
        }
    }

    /** Writes to the original stream and to the capture. */
    private static final class Tee extends OutputStream {
        private final OutputStream original;
        private final ByteArrayOutputStream copy;

        Tee(OutputStream original, ByteArrayOutputStream copy) {
            this.original = original;
            this.copy = copy;
        }

        @Override
        public void write(int b) {
            synchronized (copy) {
                copy.write(b);
            }
            try {
                original.write(b);
            } catch (java.io.IOException ignored) {
                // the console is not what is being tested
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (copy) {
                copy.write(b, off, len);
            }
            try {
                original.write(b, off, len);
            } catch (java.io.IOException ignored) {
                // the console is not what is being tested
            }
        }
    }
}

package dev.fhirgateway.gateway.http;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.logging.JettyLogger;
import org.eclipse.jetty.logging.StdErrAppender;
import org.slf4j.LoggerFactory;

/**
 * Everything logged through SLF4J in the test JVM (Jetty's provider, as in the embedded server: the gateway's
 * logs, HAPI's, Jetty's), copied while it still goes to the console, so a test can check what a log file
 * would hold. One shared appender serves every logger.
 */
final class LogCapture implements AutoCloseable {

    private final StdErrAppender appender;
    private final PrintStream original;
    private final PrintStream restore;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    private LogCapture() {
        JettyLogger root = (JettyLogger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        this.appender = (StdErrAppender) root.getAppender();
        // No stream of its own means the appender writes to System.err.
        this.original = appender.getStream() == null ? System.err : appender.getStream();
        this.restore = appender.getStream();
        OutputStream tee = new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                synchronized (captured) {
                    captured.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                original.write(b, off, len);
                synchronized (captured) {
                    captured.write(b, off, len);
                }
            }
        };
        appender.setStream(new PrintStream(tee, true, StandardCharsets.UTF_8));
    }

    static LogCapture start() {
        return new LogCapture();
    }

    String text() {
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        appender.setStream(restore);
    }
}

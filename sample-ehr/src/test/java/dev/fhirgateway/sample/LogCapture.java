package dev.fhirgateway.sample;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.logging.JettyLogger;
import org.eclipse.jetty.logging.StdErrAppender;
import org.slf4j.LoggerFactory;

/**
 * Copies everything this JVM logs while it is open: the log lines of jetty-slf4j-impl (the backend the EHR and the
 * deployed gateway share; its appender writes to {@code System.err}, or to a stream of its own, which is then
 * replaced in the appender) and anything written directly to {@code System.out}/{@code System.err}. Output still
 * reaches the console.
 */
public final class LogCapture implements AutoCloseable {

    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();
    private final StdErrAppender appender;
    private final PrintStream appenderStream;
    private final PrintStream out;
    private final PrintStream err;

    private LogCapture() {
        appender = (StdErrAppender) ((JettyLogger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .getAppender();
        appenderStream = appender.getStream();
        out = System.out;
        err = System.err;
        // A null stream means the appender writes to whatever System.err is at the time: the tee below.
        if (appenderStream != null) {
            appender.setStream(tee(appenderStream));
        }
        System.setOut(tee(out));
        System.setErr(tee(err));
    }

    public static LogCapture start() {
        return new LogCapture();
    }

    /** Everything captured so far. */
    public synchronized String text() {
        return copy.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (appenderStream != null) {
            appender.setStream(appenderStream);
        }
        System.setOut(out);
        System.setErr(err);
    }

    private PrintStream tee(PrintStream original) {
        return new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                synchronized (LogCapture.this) {
                    copy.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                original.write(b, off, len);
                synchronized (LogCapture.this) {
                    copy.write(b, off, len);
                }
            }

            @Override
            public void flush() {
                original.flush();
            }
        }, true, StandardCharsets.UTF_8);
    }
}

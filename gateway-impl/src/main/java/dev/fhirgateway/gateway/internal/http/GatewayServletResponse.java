package dev.fhirgateway.gateway.internal.http;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.OptionalLong;

/**
 * The response every FHIR request writes through: one wrapper, with one writer and one stream, that does two
 * things on the hot path (and keeps {@code Date} and {@code Server} single, see {@link #addHeader}).
 *
 * <ul>
 *   <li><b>Drops {@code flush()}.</b> HAPI's JSON encoder flushes the writer after every value it writes. Each
 *       flush commits the response and sends an HTTP chunk: a 3 kB Patient left as ~89 chunks, and reads ran
 *       ~8× slower than with the flushes suppressed. The container's own buffer sends the body when the
 *       response completes (with a Content-Length when it fits). {@code close()} still completes it.</li>
 *   <li><b>Counts body bytes</b> for the response-size meter: text as its UTF-8 length (HAPI always encodes
 *       UTF-8), bytes as they are; the body before any transfer compression.</li>
 * </ul>
 */
public final class GatewayServletResponse extends HttpServletResponseWrapper {

    private long bytes;
    private PrintWriter writer;
    private ServletOutputStream stream;

    public GatewayServletResponse(HttpServletResponse response) {
        super(response);
    }

    /** The bytes counted by the {@code GatewayServletResponse} in {@code response}'s wrapper chain, if any. */
    public static OptionalLong bytesWritten(ServletResponse response) {
        for (ServletResponse r = response; r != null;
                r = r instanceof ServletResponseWrapper w ? w.getResponse() : null) {
            if (r instanceof GatewayServletResponse gateway) {
                return OptionalLong.of(gateway.bytes);
            }
        }
        return OptionalLong.empty();
    }

    /**
     * {@code Date} and {@code Server} are set once. HAPI writes an error by saving the response's headers,
     * resetting it and adding them back; the container (Jetty) re-creates these two on reset, so adding them
     * back sent them twice.
     */
    @Override
    public void addHeader(String name, String value) {
        if ("Date".equalsIgnoreCase(name) || "Server".equalsIgnoreCase(name)) {
            super.setHeader(name, value);
        } else {
            super.addHeader(name, value);
        }
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (writer == null) {
            writer = new PrintWriter(new BodyWriter(super.getWriter()));
        }
        return writer;
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (stream == null) {
            stream = new BodyOutputStream(super.getOutputStream());
        }
        return stream;
    }

    private static int utf8Length(char c, boolean highSurrogateSeen) {
        if (c < 0x80) {
            return 1;
        }
        if (c < 0x800) {
            return 2;
        }
        if (Character.isHighSurrogate(c)) {
            return 4; // with its low surrogate, which then counts 0
        }
        if (Character.isLowSurrogate(c)) {
            return highSurrogateSeen ? 0 : 3;
        }
        return 3;
    }

    private final class BodyWriter extends Writer {
        private final Writer delegate;
        private boolean afterHighSurrogate;

        BodyWriter(Writer delegate) {
            this.delegate = delegate;
        }

        private void count(char c) {
            bytes += utf8Length(c, afterHighSurrogate);
            afterHighSurrogate = Character.isHighSurrogate(c);
        }

        @Override
        public void write(char[] buf, int off, int len) throws IOException {
            delegate.write(buf, off, len);
            for (int i = off; i < off + len; i++) {
                count(buf[i]);
            }
        }

        @Override
        public void write(String str, int off, int len) throws IOException {
            delegate.write(str, off, len);
            for (int i = off; i < off + len; i++) {
                count(str.charAt(i));
            }
        }

        @Override
        public void write(int c) throws IOException {
            delegate.write(c);
            count((char) c);
        }

        @Override
        public void flush() {
            // dropped on purpose, see the class comment
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }
    }

    private final class BodyOutputStream extends ServletOutputStream {
        private final ServletOutputStream delegate;

        BodyOutputStream(ServletOutputStream delegate) {
            this.delegate = delegate;
        }

        @Override
        public void write(int b) throws IOException {
            delegate.write(b);
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            delegate.write(b, off, len);
            bytes += len;
        }

        @Override
        public void flush() {
            // dropped on purpose, see the class comment
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            delegate.setWriteListener(listener);
        }
    }
}

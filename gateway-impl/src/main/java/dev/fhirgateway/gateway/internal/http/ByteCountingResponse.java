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
 * A response that counts the body bytes written through it, for the response-size meter. Text written to the
 * writer is counted as its UTF-8 length (HAPI always encodes UTF-8), bytes written to the stream as they are;
 * the count is the body before any transfer compression the container applies.
 */
public final class ByteCountingResponse extends HttpServletResponseWrapper {

    private long bytes;
    private PrintWriter writer;
    private ServletOutputStream stream;

    public ByteCountingResponse(HttpServletResponse response) {
        super(response);
    }

    /** The bytes counted by the {@code ByteCountingResponse} in {@code response}'s wrapper chain, if there is one. */
    public static OptionalLong bytesWritten(ServletResponse response) {
        for (ServletResponse r = response; r != null;
                r = r instanceof ServletResponseWrapper w ? w.getResponse() : null) {
            if (r instanceof ByteCountingResponse counting) {
                return OptionalLong.of(counting.bytes);
            }
        }
        return OptionalLong.empty();
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (writer == null) {
            writer = new PrintWriter(new CountingWriter(super.getWriter()));
        }
        return writer;
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (stream == null) {
            stream = new CountingOutputStream(super.getOutputStream());
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

    private final class CountingWriter extends Writer {
        private final Writer delegate;
        private boolean afterHighSurrogate;

        CountingWriter(Writer delegate) {
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
        public void flush() throws IOException {
            delegate.flush();
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }
    }

    private final class CountingOutputStream extends ServletOutputStream {
        private final ServletOutputStream delegate;

        CountingOutputStream(ServletOutputStream delegate) {
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
        public void flush() throws IOException {
            delegate.flush();
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

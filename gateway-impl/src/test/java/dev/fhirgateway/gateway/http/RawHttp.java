package dev.fhirgateway.gateway.http;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpTester;

/**
 * Sends a request exactly as written (malformed escapes, two Authorization headers, unknown methods, broken
 * bodies: what an HTTP client library would refuse to send) and reads the answer with Jetty's HTTP parser.
 */
final class RawHttp {

    private RawHttp() {
    }

    /** {@code request} is the whole request (request line, headers, blank line, body), sent as ISO-8859-1. */
    static HttpTester.Response exchange(InetAddress host, int port, String request) throws Exception {
        return exchange(host, port, request.getBytes(StandardCharsets.ISO_8859_1), request.startsWith("HEAD "));
    }

    static HttpTester.Response exchange(int port, String request) throws Exception {
        return exchange(InetAddress.getByName("127.0.0.1"), port, request);
    }

    static HttpTester.Response exchange(InetAddress host, int port, byte[] request, boolean head) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            HttpTester.Input input = HttpTester.from(in);
            HttpTester.Response response = HttpTester.parseResponse(input, head);
            if (response == null) {
                throw new IllegalStateException("no complete HTTP response");
            }
            return response;
        }
    }

    /** A GET request line and headers, closing the connection after the answer. */
    static String get(String target, String... headers) {
        return request("GET", target, null, null, headers);
    }

    /** A request with an optional body (Content-Length set from it unless a header already sets one). */
    static String request(String method, String target, String contentType, String body, String... headers) {
        StringBuilder b = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        boolean lengthGiven = false;
        for (String h : headers) {
            b.append(h).append("\r\n");
            lengthGiven |= h.toLowerCase().startsWith("content-length:") || h.toLowerCase().startsWith("transfer-encoding:");
        }
        if (contentType != null) {
            b.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (body != null && !lengthGiven) {
            b.append("Content-Length: ").append(body.getBytes(StandardCharsets.ISO_8859_1).length).append("\r\n");
        }
        b.append("Connection: close\r\n\r\n");
        if (body != null) {
            b.append(body);
        }
        return b.toString();
    }
}

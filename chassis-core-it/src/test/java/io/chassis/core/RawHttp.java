package io.chassis.core;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Bytes a real HTTP client would never send, over a plain socket, and the answer read until the server closes. */
final class RawHttp {

    /** A response as read off the wire; header names lower-cased. */
    record Response(String statusLine, Map<String, String> headers, String body) {}

    private RawHttp() {}

    /**
     * Sends {@code request} in one write and reads until the server closes the connection.
     *
     * @throws java.net.SocketTimeoutException when the server neither answers nor closes within 15 s
     */
    /** @return true when nothing accepts connections on {@code port} of 127.0.0.1 */
    static boolean refused(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 2000);
            return false;
        } catch (java.net.ConnectException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static Response exchange(int port, String request) throws IOException {
        return parse(exchangeRaw(port, request));
    }

    /**
     * Like {@link #exchange}, for several (pipelined) requests in one write: everything the server sent.
     *
     * @throws java.net.SocketTimeoutException when the server neither answers nor closes within 15 s
     */
    static String exchangeRaw(int port, String requests) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000); // upper bound for a hung connection, not a timing claim
            socket.getOutputStream().write(requests.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * Like {@link #exchange}, from a socket bound to {@code localAddress} (e.g. 127.0.0.2, also on
     * {@code lo} on Linux), for a caller the server must not take for 127.0.0.1.
     *
     * @throws java.net.SocketTimeoutException when the server neither answers nor closes within 15 s
     */
    static Response exchangeFrom(String localAddress, int port, String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new java.net.InetSocketAddress(localAddress, 0));
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(15_000); // upper bound for a hung connection, not a timing claim
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return parse(new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1));
        }
    }

    static Response parse(String raw) {
        int end = raw.indexOf("\r\n\r\n");
        if (end < 0) {
            return new Response(raw, Map.of(), "");
        }
        String[] lines = raw.substring(0, end).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(
                    lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        return new Response(lines[0], headers, raw.substring(end + 4));
    }
}

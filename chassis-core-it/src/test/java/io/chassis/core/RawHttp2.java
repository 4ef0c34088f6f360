package io.chassis.core;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A cleartext HTTP/2 client with prior knowledge, at the frame level, for tests that must see what a
 * library client hides: which stream got what, the GOAWAY frame and its last stream id, the close.
 * Requests are GETs whose headers are HPACK literals (no table, no Huffman); responses are kept per
 * stream as raw header-block bytes and body text. One thread at a time.
 */
final class RawHttp2 implements AutoCloseable {

    static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private static final int DATA = 0x0;
    private static final int HEADERS = 0x1;
    private static final int SETTINGS = 0x4;
    private static final int PING = 0x6;
    private static final int GOAWAY = 0x7;
    private static final int END_STREAM = 0x1;
    private static final int END_HEADERS = 0x4;
    private static final int ACK = 0x1;

    /** What a stream received. */
    static final class Stream {
        boolean headers;
        boolean ended;
        final ByteArrayOutputStream body = new ByteArrayOutputStream();

        String body() {
            return body.toString(StandardCharsets.UTF_8);
        }
    }

    /** A GOAWAY frame's fields. */
    record GoAway(int lastStreamId, int errorCode) {}

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final String authority;
    final Map<Integer, Stream> streams = new HashMap<>();
    GoAway goAway;
    boolean closedByServer;

    private RawHttp2(Socket socket, int port) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.authority = "127.0.0.1:" + port;
    }

    /** Connects, sends the preface and empty SETTINGS. */
    static RawHttp2 connect(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        RawHttp2 client = new RawHttp2(socket, port);
        client.out.write(PREFACE);
        client.frame(SETTINGS, 0, 0, new byte[0]);
        return client;
    }

    /** Opens stream {@code id} with a GET of {@code path} and no body. */
    void get(int id, String path) throws IOException {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        block.write(0x82); // :method GET (static table 2)
        block.write(0x86); // :scheme http (6)
        literal(block, 4, path); // :path, name from the static table
        literal(block, 1, authority); // :authority
        frame(HEADERS, END_STREAM | END_HEADERS, id, block.toByteArray());
        streams.put(id, new Stream());
    }

    /** Reads frames until stream {@code id} has ended. */
    Stream awaitStream(int id) throws IOException {
        Stream stream = streams.get(id);
        while (!stream.ended) {
            if (!readFrame()) {
                throw new EOFException("connection closed before stream " + id + " ended");
            }
        }
        return stream;
    }

    /** Reads frames until the server closes the connection. */
    void readToEnd() throws IOException {
        while (readFrame()) {
            // keep reading
        }
    }

    private boolean readFrame() throws IOException {
        byte[] head = new byte[9];
        try {
            in.readFully(head);
        } catch (EOFException e) {
            closedByServer = true;
            return false;
        }
        int length = ((head[0] & 0xff) << 16) | ((head[1] & 0xff) << 8) | (head[2] & 0xff);
        int type = head[3] & 0xff;
        int flags = head[4] & 0xff;
        int id = ((head[5] & 0x7f) << 24) | ((head[6] & 0xff) << 16) | ((head[7] & 0xff) << 8) | (head[8] & 0xff);
        byte[] payload = new byte[length];
        in.readFully(payload);
        Stream stream = streams.get(id);
        switch (type) {
            case SETTINGS -> {
                if ((flags & ACK) == 0) {
                    frame(SETTINGS, ACK, 0, new byte[0]);
                }
            }
            case PING -> {
                if ((flags & ACK) == 0) {
                    frame(PING, ACK, 0, payload);
                }
            }
            case HEADERS -> {
                stream.headers = true;
                stream.ended |= (flags & END_STREAM) != 0;
            }
            case DATA -> {
                stream.body.write(payload);
                stream.ended |= (flags & END_STREAM) != 0;
            }
            case GOAWAY ->
                goAway = new GoAway(
                        ((payload[0] & 0x7f) << 24)
                                | ((payload[1] & 0xff) << 16)
                                | ((payload[2] & 0xff) << 8)
                                | (payload[3] & 0xff),
                        ((payload[4] & 0xff) << 24)
                                | ((payload[5] & 0xff) << 16)
                                | ((payload[6] & 0xff) << 8)
                                | (payload[7] & 0xff));
            default -> {
                // WINDOW_UPDATE and the rest: nothing to do for small GETs
            }
        }
        return true;
    }

    /** A literal header field without indexing, its name indexed, its value a plain (not Huffman) string. */
    private static void literal(ByteArrayOutputStream block, int nameIndex, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length >= 127) {
            throw new IllegalArgumentException("value too long for this client: " + value);
        }
        block.write(nameIndex); // 0000 + 4-bit index
        block.write(bytes.length);
        block.write(bytes, 0, bytes.length);
    }

    private void frame(int type, int flags, int id, byte[] payload) throws IOException {
        byte[] head = {
            (byte) (payload.length >>> 16),
            (byte) (payload.length >>> 8),
            (byte) payload.length,
            (byte) type,
            (byte) flags,
            (byte) (id >>> 24),
            (byte) (id >>> 16),
            (byte) (id >>> 8),
            (byte) id
        };
        out.write(head);
        out.write(payload);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

package io.chassis.benchmarks;

import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One plaintext HTTP/2 connection (prior knowledge) that asks {@code grpc.health.v1.Health/Check}
 * for the server as a whole ({@code service = ""}), one stream per {@link #check()}. Hand-written so
 * that the startup probe loads nearly nothing and polls a starting server with one small exchange:
 * no grpc-java client, no reconnect backoff. It speaks just enough HTTP/2 for this: it answers
 * SETTINGS and PING, gives back the connection window it uses, and reads only the DATA of its own
 * stream (the response headers and trailers are not decoded; a call that fails sends no message).
 */
final class HealthCheckConnection implements Closeable {

    static final String PATH = "/grpc.health.v1.Health/Check";

    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int DATA = 0x0;
    private static final int HEADERS = 0x1;
    private static final int RST_STREAM = 0x3;
    private static final int SETTINGS = 0x4;
    private static final int PING = 0x6;
    private static final int GOAWAY = 0x7;
    private static final int WINDOW_UPDATE = 0x8;
    private static final int END_STREAM = 0x1;
    private static final int ACK = 0x1;
    private static final int END_HEADERS = 0x4;
    private static final int PADDED = 0x8;
    /** The largest frame a peer may send before it has seen our SETTINGS (we never raise it). */
    private static final int MAX_FRAME = 16_384;

    /** The gRPC body of every check: one uncompressed, length-prefixed HealthCheckRequest{service=""}. */
    private static final byte[] REQUEST =
            lengthPrefixed(HealthCheckRequest.getDefaultInstance().toByteArray());

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final byte[] headerBlock;
    private int nextStream = 1;

    private HealthCheckConnection(Socket socket, String authority) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = new BufferedOutputStream(socket.getOutputStream());
        this.headerBlock = headerBlock(authority);
        out.write(PREFACE);
        writeFrame(SETTINGS, 0, 0, new byte[0]);
        out.flush();
    }

    /**
     * Connects and sends the connection preface.
     *
     * @param timeoutMillis for the connect and for every read
     * @throws IOException when nothing listens there (yet), or the connection fails
     */
    static HealthCheckConnection open(String host, int port, int timeoutMillis) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            return new HealthCheckConnection(socket, host + ":" + port);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Makes one Health/Check call on a new stream and waits for its end.
     *
     * @return the status the server answered, or null when the call ended without a message (an
     *     error status such as UNIMPLEMENTED, or a reset stream)
     * @throws IOException when the connection fails or the server sends GOAWAY
     */
    ServingStatus check() throws IOException {
        int stream = nextStream;
        nextStream += 2;
        writeFrame(HEADERS, END_HEADERS, stream, headerBlock);
        writeFrame(DATA, END_STREAM, stream, REQUEST);
        out.flush();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] header = new byte[9];
        while (true) {
            in.readFully(header);
            int length = (header[0] & 0xff) << 16 | (header[1] & 0xff) << 8 | header[2] & 0xff;
            int type = header[3] & 0xff;
            int flags = header[4] & 0xff;
            int id = ByteBuffer.wrap(header, 5, 4).getInt() & 0x7fff_ffff;
            if (length > MAX_FRAME) {
                throw new IOException("frame of " + length + " bytes, more than " + MAX_FRAME);
            }
            byte[] payload = new byte[length];
            in.readFully(payload);
            switch (type) {
                case DATA -> {
                    if (length > 0) { // hand the connection window back; one stream never gets near its own
                        writeFrame(
                                WINDOW_UPDATE,
                                0,
                                0,
                                ByteBuffer.allocate(4).putInt(length).array());
                        out.flush();
                    }
                    if (id == stream) {
                        int padding = (flags & PADDED) != 0 ? (payload[0] & 0xff) + 1 : 0;
                        int start = (flags & PADDED) != 0 ? 1 : 0;
                        body.write(payload, start, length - padding);
                        if ((flags & END_STREAM) != 0) {
                            return status(body.toByteArray());
                        }
                    }
                }
                case HEADERS -> {
                    if (id == stream && (flags & END_STREAM) != 0) { // the trailers
                        return status(body.toByteArray());
                    }
                }
                case RST_STREAM -> {
                    if (id == stream) {
                        return null;
                    }
                }
                case SETTINGS -> {
                    if ((flags & ACK) == 0) {
                        writeFrame(SETTINGS, ACK, 0, new byte[0]);
                        out.flush();
                    }
                }
                case PING -> {
                    if ((flags & ACK) == 0) {
                        writeFrame(PING, ACK, 0, payload);
                        out.flush();
                    }
                }
                case GOAWAY -> throw new IOException("the server sent GOAWAY");
                default -> {} // WINDOW_UPDATE, PRIORITY, CONTINUATION of headers we do not read
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** @return the one HealthCheckResponse's status in a gRPC body, or null for an empty body */
    static ServingStatus status(byte[] body) throws IOException {
        if (body.length == 0) {
            return null;
        }
        if (body.length < 5 || body[0] != 0) {
            throw new IOException("not one uncompressed gRPC message: " + body.length + " bytes");
        }
        int length = ByteBuffer.wrap(body, 1, 4).getInt();
        if (length != body.length - 5) {
            throw new IOException("a " + length + "-byte message in a " + body.length + "-byte body");
        }
        return HealthCheckResponse.parseFrom(ByteBuffer.wrap(body, 5, length)).getStatus();
    }

    /** @return a gRPC message frame: flag 0 (uncompressed), 4-byte length, the message */
    static byte[] lengthPrefixed(byte[] message) {
        return ByteBuffer.allocate(5 + message.length)
                .put((byte) 0)
                .putInt(message.length)
                .put(message)
                .array();
    }

    /**
     * The request headers in HPACK, without Huffman coding or the dynamic table: {@code :method
     * POST} and {@code :scheme http} from the static table, then literals that are not indexed.
     */
    private static byte[] headerBlock(String authority) {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        block.write(0x83); // indexed 3, :method POST
        block.write(0x86); // indexed 6, :scheme http
        literal(block, new byte[] {0x04}, PATH); // name :path (static 4)
        literal(block, new byte[] {0x01}, authority); // name :authority (static 1)
        literal(block, new byte[] {0x0f, 0x10}, "application/grpc"); // name content-type (static 31 = 15 + 16)
        literal(block, new byte[] {0x00, 0x02, 't', 'e'}, "trailers"); // a new name: te
        return block.toByteArray();
    }

    /** A "literal header field without indexing": the name part as given, then the value's length and bytes. */
    private static void literal(ByteArrayOutputStream block, byte[] name, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length > 126) {
            throw new IllegalArgumentException("a header value of more than 126 bytes: " + value);
        }
        block.writeBytes(name);
        block.write(bytes.length); // the H bit 0: not Huffman-coded; below 127, so one byte
        block.writeBytes(bytes);
    }

    private void writeFrame(int type, int flags, int stream, byte[] payload) throws IOException {
        out.write(payload.length >>> 16);
        out.write(payload.length >>> 8);
        out.write(payload.length);
        out.write(type);
        out.write(flags);
        out.write(ByteBuffer.allocate(4).putInt(stream).array());
        out.write(payload);
    }
}

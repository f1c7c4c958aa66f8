package dev.asyncio4j.http.server;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;

import dev.asyncio4j.Coroutine;
import dev.asyncio4j.http.Headers;
import dev.asyncio4j.http.internal.HttpLimits;
import dev.asyncio4j.http.internal.HttpMessageListener;
import dev.asyncio4j.http.internal.ResponseHead;
import dev.asyncio4j.http.internal.ResponseParser;
import dev.asyncio4j.stream.StreamConnection;
import dev.asyncio4j.stream.Streams;
import java.io.ByteArrayOutputStream;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A test client that writes raw bytes to the server and parses what comes back with the
 * project's strict response parser, so tests can send anything (malformed, pipelined, split) and
 * see exactly what the server answered. Loop-confined.
 */
final class RawClient {
    /** One parsed response. */
    record Reply(int status, String reason, Headers headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.get(name);
        }
    }

    private final StreamConnection connection;
    private final ArrayDeque<Reply> replies = new ArrayDeque<>();
    private final List<Reply> interim = new ArrayList<>();
    private final ResponseParser parser;
    private boolean eof;
    private ResponseHead head;
    private ByteArrayOutputStream body;

    private RawClient(StreamConnection connection) {
        this.connection = connection;
        this.parser = new ResponseParser(HttpLimits.CLIENT, new HttpMessageListener<>() {
            @Override
            public void onHead(ResponseHead h) {
                head = h;
                body = new ByteArrayOutputStream();
            }

            @Override
            public void onBody(byte[] data, int offset, int length) {
                body.write(data, offset, length);
            }

            @Override
            public void onMessageComplete(Headers trailers) {
                Reply reply = new Reply(head.status(), head.reason(), head.headers(), body.toByteArray());
                if (head.informational()) {
                    interim.add(reply);
                } else {
                    replies.add(reply);
                }
            }
        });
    }

    static Coroutine<RawClient> connect(int port) {
        return async(() -> new RawClient(await(Streams.openConnection("127.0.0.1", port))));
    }

    RawClient send(String text) {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    RawClient send(byte[] bytes) {
        connection.writer().write(bytes);
        return this;
    }

    /** The method of the request the next response answers (HEAD responses have no body). */
    RawClient expectMethod(String method) {
        parser.setRequestMethod(method);
        return this;
    }

    /** The next final response; fails if the server closes first. */
    Coroutine<Reply> reply() {
        return async(() -> {
            while (replies.isEmpty()) {
                if (eof) {
                    throw new AssertionError("the server closed the connection without a (complete) response");
                }
                readMore();
            }
            return replies.poll();
        });
    }

    private void readMore() throws Exception {
        byte[] data = await(connection.reader().read(65536));
        if (data.length == 0) {
            eof = true;
            parser.feedEof();
        } else {
            parser.feed(data);
        }
    }

    /** Reads until an interim (1xx) response has come; returns it. */
    Coroutine<Reply> interimReply() {
        return async(() -> {
            while (interim.isEmpty()) {
                if (eof || !replies.isEmpty()) {
                    throw new AssertionError("no interim response before " + (eof ? "the close" : replies.peek()));
                }
                readMore();
            }
            return interim.remove(0);
        });
    }

    /** Interim (1xx) responses seen so far. */
    List<Reply> interim() {
        return interim;
    }

    /**
     * True when the server closed the connection (reads until EOF; fails on data after the
     * responses). Then closes this side too, as a client does when the server has closed.
     */
    Coroutine<Boolean> closedByServer() {
        return async(() -> {
            while (!eof) {
                readMore();
            }
            close();
            return replies.isEmpty();
        });
    }

    /** The raw bytes until the server closes; then closes this side too. */
    Coroutine<String> readToEof() {
        return async(() -> {
            String raw = new String(await(connection.reader().read()), StandardCharsets.ISO_8859_1);
            close();
            return raw;
        });
    }

    void close() {
        connection.writer().close();
    }

    /** Closes with a TCP reset (SO_LINGER 0), as a crashing client does. */
    void reset() throws Exception {
        SocketChannel channel = (SocketChannel) connection.writer().getExtraInfo("socket");
        channel.setOption(StandardSocketOptions.SO_LINGER, 0);
        connection.writer().transport().abort();
    }
}

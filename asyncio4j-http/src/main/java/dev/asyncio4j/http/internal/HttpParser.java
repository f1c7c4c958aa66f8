package dev.asyncio4j.http.internal;

import dev.asyncio4j.http.Headers;
import dev.asyncio4j.http.MutableHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An incremental (push) HTTP/1.1 message parser: aiohttp's {@code HttpParser} and llhttp in
 * strict mode. A transport feeds it byte chunks as they arrive; it calls its
 * {@link HttpMessageListener} with each message's head, body pieces and end. Messages may be
 * split at any byte and several may share one chunk (pipelining): the events are the same.
 *
 * <p>Strict RFC 9110/9112 parsing with request-smuggling defences: bare CR or LF, obs-fold,
 * whitespace before a colon, invalid token or field bytes, Content-Length together with
 * Transfer-Encoding, differing Content-Lengths, transfer codings other than chunked, bad or
 * overflowing chunk sizes and a missing final chunk are all rejected with an
 * {@link HttpParseException} carrying the status a server answers with. After such an error the
 * parser is failed: each later call rethrows it, and the connection must be closed. An exception
 * thrown by the listener propagates unchanged and fails the parser too (later calls throw a 500).
 *
 * <p>Loop-confined: one parser per connection, used by one thread.
 *
 * @param <H> the head type, {@link RequestHead} or {@link ResponseHead}
 */
public abstract sealed class HttpParser<H> permits RequestParser, ResponseParser {
    /*
     * Overview. States: the line-oriented ones (START_LINE, HEADER, CHUNK_SIZE, TRAILER) find
     * the next LF in the input and hand the line to a parse method; when a line is split over
     * feeds its start is copied into lineBuf (bounded by the state's line limit) and parsed from
     * there once the LF arrives, so the common whole-line case copies nothing. Body states pass
     * slices of the caller's array to the listener. Positions in errors are stream offsets:
     * feedBase + index into the current array, or lineStart + index into lineBuf.
     *
     * Per message: the framing fields below are reset in resetMessage() after each message.
     * Invariant: state == FAILED iff failure != null.
     */

    enum State {
        START_LINE, HEADER, BODY_LENGTH, CHUNK_SIZE, CHUNK_DATA, CHUNK_DATA_CR, CHUNK_DATA_LF,
        TRAILER, BODY_UNTIL_CLOSE, UPGRADED, FAILED
    }

    final HttpLimits limits;
    final HttpMessageListener<? super H> listener;

    State state = State.START_LINE;
    private HttpParseException failure;
    private boolean paused;
    private long messages;

    // Stream position bookkeeping.
    private long streamPos;
    private long feedBase;
    private byte[] lineBuf = new byte[128];
    private int lineLen;
    private long lineStart;

    // The message being parsed.
    MutableHeaders headers;
    private MutableHeaders trailers;
    private int fieldCount;
    private int sectionBytes;
    private int emptyLinesSkipped;
    long contentLength;
    boolean transferEncoding;
    boolean chunkedLast;
    private boolean chunkedSeen;
    String unsupportedCoding;
    int hostCount;
    boolean connectionClose;
    boolean connectionKeepAlive;
    boolean connectionUpgrade;
    boolean upgradeHeader;
    boolean expectContinue;
    String contentEncoding;
    private boolean upgradeAfterMessage;
    private long remaining;
    private long bodyBytes;

    HttpParser(HttpLimits limits, HttpMessageListener<? super H> listener) {
        this.limits = limits;
        this.listener = listener;
        resetMessage();
    }

    /**
     * Parses {@code data[offset..offset+length)}. Returns how many bytes were consumed: all of
     * them, unless the listener called {@link #pause()} or the connection was upgraded; the
     * caller keeps the rest and feeds it again after {@link #resume()} (or hands it to the
     * upgraded protocol).
     *
     * @throws HttpParseException when the bytes break HTTP/1.1 or a limit; the parser is failed
     */
    public final int feed(byte[] data, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, data.length);
        if (failure != null) {
            throw failure;
        }
        paused = false;
        int p = offset;
        int end = offset + length;
        feedBase = streamPos - offset;
        try {
            while (p < end && !paused) {
                switch (state) {
                    case START_LINE, HEADER, CHUNK_SIZE, TRAILER -> p = lineState(data, p, end);
                    case BODY_LENGTH -> {
                        int n = (int) Math.min(remaining, end - p);
                        remaining -= n;
                        listener.onBody(data, p, n);
                        p += n;
                        if (remaining == 0) {
                            completeMessage(Headers.EMPTY);
                        }
                    }
                    case CHUNK_DATA -> {
                        int n = (int) Math.min(remaining, end - p);
                        remaining -= n;
                        listener.onBody(data, p, n);
                        p += n;
                        if (remaining == 0) {
                            state = State.CHUNK_DATA_CR;
                        }
                    }
                    case CHUNK_DATA_CR -> {
                        if (data[p] != Ascii.CR) {
                            throw new HttpParseException(400, "expected CRLF after chunk data, found "
                                    + Ascii.describe(data[p]), feedBase + p);
                        }
                        p++;
                        state = State.CHUNK_DATA_LF;
                    }
                    case CHUNK_DATA_LF -> {
                        if (data[p] != Ascii.LF) {
                            throw new HttpParseException(400, "expected LF after CR ending chunk data, found "
                                    + Ascii.describe(data[p]), feedBase + p);
                        }
                        p++;
                        state = State.CHUNK_SIZE;
                    }
                    case BODY_UNTIL_CLOSE -> {
                        int n = end - p;
                        countBody(n, p);
                        listener.onBody(data, p, n);
                        p = end;
                    }
                    case UPGRADED -> {
                        streamPos += p - offset;
                        return p - offset;
                    }
                    case FAILED -> throw new IllegalStateException("unreachable: failed parser fed");
                }
            }
        } catch (HttpParseException e) {
            state = State.FAILED;
            failure = e;
            throw e;
        } catch (RuntimeException | Error e) {
            // The listener failed mid-message: the parser's place in the stream is lost.
            state = State.FAILED;
            failure = new HttpParseException(500, "the message listener failed: " + e, -1);
            throw e;
        }
        streamPos += p - offset;
        return p - offset;
    }

    /** Parses all of {@code data}; see {@link #feed(byte[], int, int)}. */
    public final int feed(byte[] data) {
        return feed(data, 0, data.length);
    }

    /**
     * The peer closed its side. Completes a body delimited by the close; between messages it
     * does nothing.
     *
     * @throws HttpParseException when a message was cut short (a truncated body, a missing final
     *     chunk, a partial head)
     */
    public final void feedEof() {
        if (failure != null) {
            throw failure;
        }
        String cut = switch (state) {
            case START_LINE -> lineLen == 0 ? null : "in the start line";
            case HEADER -> "in the header section";
            case BODY_LENGTH -> remaining + " of " + contentLength + " body bytes missing";
            case CHUNK_SIZE, CHUNK_DATA, CHUNK_DATA_CR, CHUNK_DATA_LF -> "before the final chunk";
            case TRAILER -> "in the trailer section";
            case BODY_UNTIL_CLOSE, UPGRADED, FAILED -> null;
        };
        if (state == State.BODY_UNTIL_CLOSE) {
            completeMessage(Headers.EMPTY);
        }
        if (cut != null) {
            state = State.FAILED;
            failure = new HttpParseException(400, "connection closed " + cut, streamPos);
            throw failure;
        }
    }

    /**
     * Called from a listener callback: {@code feed} returns after the current event, leaving
     * the rest of its input unconsumed (llhttp's pause). A server pauses after each request head
     * while it answers, to keep pipelined requests in order and bounded.
     */
    public final void pause() {
        paused = true;
    }

    /** Undoes {@link #pause()}: the next {@code feed} parses again (it also clears the pause). */
    public final void resume() {
        paused = false;
    }

    /** True after a message that switched protocols: later bytes belong to the new protocol. */
    public final boolean isUpgraded() {
        return state == State.UPGRADED;
    }

    /**
     * Parse HTTP again after an upgrade the server declined (it answered the request without
     * 101). The bytes {@code feed} left over are the next request.
     */
    public final void declineUpgrade() {
        if (state != State.UPGRADED) {
            throw new IllegalStateException("not upgraded: " + this);
        }
        state = State.START_LINE;
    }

    /** True when between messages: nothing of a next message has been seen. */
    public final boolean isIdle() {
        return state == State.START_LINE && lineLen == 0;
    }

    /** Completed messages so far. */
    public final long messageCount() {
        return messages;
    }

    /** The bytes consumed since the parser was made. */
    public final long position() {
        return streamPos;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + state + ", messages=" + messages + ", position=" + streamPos + "]";
    }

    // ---- lines ----------------------------------------------------------------------------

    private int lineLimit() {
        return switch (state) {
            case START_LINE -> limits.maxStartLine();
            case HEADER, TRAILER -> Math.min(limits.maxHeaderLine(), limits.maxHeaderSection() - sectionBytes);
            default -> limits.maxChunkLine();
        };
    }

    private HttpParseException lineTooLong(long at) {
        return switch (state) {
            case START_LINE -> startLineTooLong(at);
            case HEADER, TRAILER -> sectionBytes + limits.maxHeaderLine() > limits.maxHeaderSection()
                    ? new HttpParseException(431, (state == State.HEADER ? "header" : "trailer")
                            + " section larger than " + limits.maxHeaderSection() + " bytes", at)
                    : new HttpParseException(431, (state == State.HEADER ? "header" : "trailer")
                            + " field line longer than " + limits.maxHeaderLine() + " bytes", at);
            default -> new HttpParseException(400, "chunk size line longer than " + limits.maxChunkLine() + " bytes", at);
        };
    }

    abstract HttpParseException startLineTooLong(long at);

    private int lineState(byte[] b, int p, int end) {
        int lf = p;
        while (lf < end && b[lf] != Ascii.LF) {
            lf++;
        }
        // A line's content may be `limit` bytes long; its CR is one more.
        int allowed = lineLimit() + 1;
        if (lf == end) {
            int n = end - p;
            if (lineLen == 0) {
                lineStart = feedBase + p;
            }
            if (lineLen + n > allowed) {
                throw lineTooLong(lineStart + allowed);
            }
            appendLine(b, p, n);
            return end;
        }
        if (lineLen == 0) {
            lineStart = feedBase + p;
            if (lf - p > allowed) {
                throw lineTooLong(lineStart + allowed);
            }
            line(b, p, lf);
        } else {
            int n = lf - p;
            if (lineLen + n > allowed) {
                throw lineTooLong(lineStart + allowed);
            }
            appendLine(b, p, n);
            int len = lineLen;
            lineLen = 0;
            line(lineBuf, 0, len);
        }
        return lf + 1;
    }

    private void appendLine(byte[] b, int p, int n) {
        if (lineLen + n > lineBuf.length) {
            lineBuf = Arrays.copyOf(lineBuf, Math.max(lineLen + n, 2 * lineBuf.length));
        }
        System.arraycopy(b, p, lineBuf, lineLen, n);
        lineLen += n;
    }

    /** Handles the line {@code b[s..lf)}, whose LF is at {@code b[lf]}. */
    private void line(byte[] b, int s, int lf) {
        long base = lineStart - s;
        if (lf == s || b[lf - 1] != Ascii.CR) {
            throw new HttpParseException(400, "bare LF: lines must end with CRLF", base + lf);
        }
        int e = lf - 1;
        switch (state) {
            case START_LINE -> {
                if (e == s) {
                    // RFC 9112 2.2: ignore empty lines before a message, within reason.
                    if (++emptyLinesSkipped > 8) {
                        throw new HttpParseException(400, "too many empty lines before the start line", base + s);
                    }
                    return;
                }
                startLine(b, s, e, base);
                state = State.HEADER;
            }
            case HEADER -> {
                if (e == s) {
                    headersComplete(base + lf);
                } else {
                    field(b, s, e, base, headers);
                }
            }
            case TRAILER -> {
                if (e == s) {
                    Headers t = trailers == null ? Headers.EMPTY : trailers.toHeaders();
                    completeMessage(t);
                } else {
                    if (trailers == null) {
                        trailers = new MutableHeaders(4);
                    }
                    field(b, s, e, base, trailers);
                }
            }
            case CHUNK_SIZE -> chunkSize(b, s, e, base);
            default -> throw new IllegalStateException("line in state " + state);
        }
    }

    // ---- start line and fields ------------------------------------------------------------

    /** Parses the request or status line {@code b[s..e)} (no CRLF); positions are base + index. */
    abstract void startLine(byte[] b, int s, int e, long base);

    /** The head is complete: decide the framing and emit it. */
    abstract void headersComplete(long at);

    private void field(byte[] b, int s, int e, long base, MutableHeaders into) {
        sectionBytes += e - s + 2;
        if (++fieldCount > limits.maxHeaderCount()) {
            throw new HttpParseException(431, "more than " + limits.maxHeaderCount() + " "
                    + (state == State.HEADER ? "header" : "trailer") + " fields", base + s);
        }
        byte first = b[s];
        if (Ascii.ows(first)) {
            throw new HttpParseException(400, into.isEmpty()
                    ? "whitespace before the first header field"
                    : "obsolete line folding (obs-fold) is not accepted", base + s);
        }
        int i = s;
        while (i < e && Ascii.tchar(b[i])) {
            i++;
        }
        if (i == e) {
            throw new HttpParseException(400, "header field without a colon", base + e);
        }
        if (b[i] != ':') {
            int j = skipOws(b, i, e);
            throw new HttpParseException(400, j == i
                    ? "invalid character " + Ascii.describe(b[i]) + " in header field name"
                    : j < e && b[j] == ':' ? "whitespace between header field name and colon"
                    : "header field without a colon", base + i);
        }
        if (i == s) {
            throw new HttpParseException(400, "empty header field name", base + s);
        }
        int nameEnd = i;
        int known = KnownHeaders.lookup(b, s, nameEnd - s);
        String name = known >= 0 && (known & 3) != 2
                ? KnownHeaders.name(known)
                : new String(b, s, nameEnd - s, StandardCharsets.ISO_8859_1);
        int vs = nameEnd + 1;
        while (vs < e && Ascii.ows(b[vs])) {
            vs++;
        }
        int ve = e;
        while (ve > vs && Ascii.ows(b[ve - 1])) {
            ve--;
        }
        boolean ascii = true;
        for (int j = vs; j < ve; j++) {
            byte c = b[j];
            if (!Ascii.fieldValue(c)) {
                throw new HttpParseException(400, (c == Ascii.CR ? "bare CR" : "invalid character "
                        + Ascii.describe(c)) + " in value of header field " + name, base + j);
            }
            ascii &= c >= 0;
        }
        String value = fieldValue(b, vs, ve, ascii);
        if (state == State.HEADER && known >= 0) {
            framingField(known >> 2, value, base + vs);
        }
        into.add(name, value);
    }

    private static String fieldValue(byte[] b, int vs, int ve, boolean ascii) {
        if (vs == ve) {
            return "";
        }
        if (ascii) {
            return new String(b, vs, ve - vs, StandardCharsets.ISO_8859_1);
        }
        // obs-text: UTF-8 when it is valid UTF-8 (as aiohttp decodes), else Latin-1, lossless.
        var decoder = StandardCharsets.UTF_8.newDecoder();
        try {
            return decoder.decode(java.nio.ByteBuffer.wrap(b, vs, ve - vs)).toString();
        } catch (java.nio.charset.CharacterCodingException notUtf8) {
            return new String(b, vs, ve - vs, StandardCharsets.ISO_8859_1);
        }
    }

    private void framingField(int id, String value, long at) {
        switch (id) {
            case KnownHeaders.HOST -> hostCount++;
            case KnownHeaders.CONTENT_LENGTH -> contentLengthField(value, at);
            case KnownHeaders.TRANSFER_ENCODING -> transferEncodingField(value, at);
            case KnownHeaders.CONNECTION -> forEachElement(value, (v, from, to) -> {
                if (Ascii.regionEqualsLower(v, from, to, "close")) {
                    connectionClose = true;
                } else if (Ascii.regionEqualsLower(v, from, to, "keep-alive")) {
                    connectionKeepAlive = true;
                } else if (Ascii.regionEqualsLower(v, from, to, "upgrade")) {
                    connectionUpgrade = true;
                }
            });
            case KnownHeaders.UPGRADE -> upgradeHeader = true;
            case KnownHeaders.EXPECT -> expectContinue |= value.equalsIgnoreCase("100-continue");
            case KnownHeaders.CONTENT_ENCODING -> contentEncoding = value.toLowerCase(java.util.Locale.ROOT);
            default -> {
            }
        }
    }

    private void contentLengthField(String value, long at) {
        // RFC 9110 8.6: 1*DIGIT; a list of identical values (from a proxy merging lines) is one.
        forEachElement(value, (v, from, to) -> {
            long n = 0;
            if (from == to) {
                throw new HttpParseException(400, "empty Content-Length", at);
            }
            for (int i = from; i < to; i++) {
                char c = v.charAt(i);
                if (c < '0' || c > '9') {
                    throw new HttpParseException(400, "invalid Content-Length '" + v + "'", at + i);
                }
                if (n > (Long.MAX_VALUE - 9) / 10) {
                    throw new HttpParseException(400, "Content-Length '" + v + "' overflows", at + i);
                }
                n = n * 10 + (c - '0');
            }
            if (contentLength >= 0 && contentLength != n) {
                throw new HttpParseException(400, "differing Content-Length values " + contentLength
                        + " and " + n, at);
            }
            contentLength = n;
        });
        if (contentLength < 0) {
            throw new HttpParseException(400, "empty Content-Length", at);
        }
    }

    private void transferEncodingField(String value, long at) {
        transferEncoding = true;
        forEachElement(value, (v, from, to) -> {
            int end = from;
            while (end < to && v.charAt(end) != ';' && Ascii.isTchar(v.charAt(end))) {
                end++;
            }
            if (end == from || (end < to && v.charAt(end) != ';' && !isOws(v.charAt(end)))) {
                throw new HttpParseException(400, "invalid Transfer-Encoding '" + v + "'", at + from);
            }
            if (Ascii.regionEqualsLower(v, from, end, "chunked")) {
                if (chunkedSeen) {
                    throw new HttpParseException(400, "chunked transfer coding applied twice", at + from);
                }
                chunkedSeen = true;
                chunkedLast = true;
            } else {
                chunkedLast = false;
                if (unsupportedCoding == null) {
                    unsupportedCoding = v.substring(from, end);
                }
            }
        });
    }

    private static boolean isOws(char c) {
        return c == ' ' || c == '\t';
    }

    @FunctionalInterface
    private interface ElementAction {
        void element(String value, int from, int to);
    }

    /** Calls {@code action} for each non-empty element of the comma-separated list {@code v}, OWS trimmed. */
    private static void forEachElement(String v, ElementAction action) {
        int i = 0;
        int n = v.length();
        boolean any = false;
        while (i <= n) {
            int comma = v.indexOf(',', i);
            int end = comma < 0 ? n : comma;
            int from = i;
            int to = end;
            while (from < to && isOws(v.charAt(from))) {
                from++;
            }
            while (to > from && isOws(v.charAt(to - 1))) {
                to--;
            }
            if (from < to) {
                action.element(v, from, to);
                any = true;
            }
            if (comma < 0) {
                break;
            }
            i = comma + 1;
        }
        if (!any && n > 0 && v.indexOf(',') < 0) {
            action.element(v, 0, 0);
        }
    }

    /**
     * Checks Content-Length against Transfer-Encoding and returns the body framing both sides
     * share; {@code request} selects the 400/501 rules for requests.
     */
    final BodyFraming transferFraming(boolean request, long at) {
        if (transferEncoding) {
            if (contentLength >= 0) {
                throw new HttpParseException(400, "both Content-Length and Transfer-Encoding", at);
            }
            if (unsupportedCoding != null) {
                throw new HttpParseException(501, "unsupported transfer coding '" + unsupportedCoding + "'", at);
            }
            if (!chunkedLast) {
                throw new HttpParseException(400, "chunked is not the final transfer coding", at);
            }
            return BodyFraming.CHUNKED;
        }
        if (contentLength > 0) {
            if (contentLength > limits.maxBodySize()) {
                throw new HttpParseException(413, "Content-Length " + contentLength + " exceeds the limit of "
                        + limits.maxBodySize() + " bytes", at);
            }
            return BodyFraming.LENGTH;
        }
        return contentLength == 0 || request ? BodyFraming.NONE : BodyFraming.UNTIL_CLOSE;
    }

    /** Emits the head and enters the body state for {@code framing}; completes a bodiless message. */
    final void startBody(H head, BodyFraming framing, boolean upgrade) {
        upgradeAfterMessage = upgrade;
        listener.onHead(head);
        switch (framing) {
            case NONE -> completeMessage(Headers.EMPTY);
            case LENGTH -> {
                remaining = contentLength;
                state = State.BODY_LENGTH;
            }
            case CHUNKED -> state = State.CHUNK_SIZE;
            case UNTIL_CLOSE -> state = State.BODY_UNTIL_CLOSE;
        }
    }

    private void countBody(long n, int p) {
        bodyBytes += n;
        if (bodyBytes > limits.maxBodySize()) {
            throw new HttpParseException(413, "body larger than " + limits.maxBodySize() + " bytes",
                    feedBase + p);
        }
    }

    // ---- chunks ---------------------------------------------------------------------------

    private void chunkSize(byte[] b, int s, int e, long base) {
        int i = s;
        long size = 0;
        int digit;
        while (i < e && (digit = Ascii.hexValue(b[i])) >= 0) {
            if (size > (Long.MAX_VALUE >> 4)) {
                throw new HttpParseException(400, "chunk size overflows", base + i);
            }
            size = (size << 4) | digit;
            i++;
        }
        if (i == s) {
            throw new HttpParseException(400, i < e ? "invalid character " + Ascii.describe(b[i])
                    + " in chunk size" : "empty chunk size", base + i);
        }
        chunkExtensions(b, i, e, base);
        if (size == 0) {
            fieldCount = 0;
            sectionBytes = 0;
            state = State.TRAILER;
            return;
        }
        bodyBytes += size;
        if (bodyBytes > limits.maxBodySize() || bodyBytes < 0) {
            throw new HttpParseException(413, "body larger than " + limits.maxBodySize() + " bytes", base + s);
        }
        remaining = size;
        state = State.CHUNK_DATA;
    }

    /** chunk-ext = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] ); ignored once valid. */
    private static void chunkExtensions(byte[] b, int i, int e, long base) {
        while (i < e) {
            i = skipOws(b, i, e);
            if (i == e || b[i] != ';') {
                throw new HttpParseException(400, i == e ? "whitespace after chunk size"
                        : "invalid character " + Ascii.describe(b[i]) + " in chunk size", base + i);
            }
            i = skipOws(b, i + 1, e);
            int name = i;
            while (i < e && Ascii.tchar(b[i])) {
                i++;
            }
            if (i == name) {
                throw new HttpParseException(400, "invalid chunk extension name", base + i);
            }
            int afterName = i;
            i = skipOws(b, i, e);
            if (i < e && b[i] == '=') {
                i = skipOws(b, i + 1, e);
                if (i < e && b[i] == '"') {
                    i = quotedString(b, i, e, base);
                } else {
                    int value = i;
                    while (i < e && Ascii.tchar(b[i])) {
                        i++;
                    }
                    if (i == value) {
                        throw new HttpParseException(400, "invalid chunk extension value", base + i);
                    }
                }
            } else {
                i = afterName;
            }
        }
    }

    private static int skipOws(byte[] b, int i, int e) {
        while (i < e && Ascii.ows(b[i])) {
            i++;
        }
        return i;
    }

    /** quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE; returns the index after it. */
    private static int quotedString(byte[] b, int i, int e, long base) {
        i++;
        while (i < e) {
            byte c = b[i];
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                i++;
                if (i == e || !Ascii.fieldValue(b[i])) {
                    throw new HttpParseException(400, "invalid quoted-pair in chunk extension", base + i);
                }
            } else if (!Ascii.fieldValue(c)) {
                throw new HttpParseException(400, "invalid character " + Ascii.describe(c)
                        + " in chunk extension", base + i);
            }
            i++;
        }
        throw new HttpParseException(400, "unterminated quoted string in chunk extension", base + e);
    }

    // ---- message boundaries -----------------------------------------------------------------

    private void completeMessage(Headers trailerFields) {
        boolean upgrade = upgradeAfterMessage;
        resetMessage();
        state = upgrade ? State.UPGRADED : State.START_LINE;
        messages++;
        listener.onMessageComplete(trailerFields);
    }

    void resetMessage() {
        headers = new MutableHeaders(12);
        trailers = null;
        fieldCount = 0;
        sectionBytes = 0;
        emptyLinesSkipped = 0;
        contentLength = -1;
        transferEncoding = false;
        chunkedLast = false;
        chunkedSeen = false;
        unsupportedCoding = null;
        hostCount = 0;
        connectionClose = false;
        connectionKeepAlive = false;
        connectionUpgrade = false;
        upgradeHeader = false;
        expectContinue = false;
        contentEncoding = null;
        upgradeAfterMessage = false;
        remaining = 0;
        bodyBytes = 0;
    }

    /** The start line counts toward nothing but its own limit; headers start their section here. */
    final void startHeaderSection() {
        fieldCount = 0;
        sectionBytes = 0;
    }
}

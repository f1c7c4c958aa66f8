package dev.asyncio4j.internal.net;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The little of ASN.1 DER that reading PEM keys and describing certificates needs: walking
 * tag-length-value elements, object identifiers, and building the few structures a key is
 * re-wrapped in. Stateless; the {@link Element} values are immutable views of a shared array.
 */
final class Der {

    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int SEQUENCE = 0x30;
    static final int SET = 0x31;

    private Der() {}

    /** One element: its tag and where its value lies in {@code data}. */
    record Element(byte[] data, int tag, int start, int length) {

        /** The value's bytes. */
        byte[] value() {
            return java.util.Arrays.copyOfRange(data, start, start + length);
        }

        /** The elements inside a constructed value (a SEQUENCE, a SET, an explicit tag). */
        List<Element> children() {
            return Der.parseAll(data, start, start + length);
        }

        /** Whether this is the context-specific tag {@code [number]}, constructed or not. */
        boolean isContext(int number) {
            return (tag & 0xC0) == 0x80 && (tag & 0x1F) == number;
        }
    }

    /** Parses the single element that makes up {@code data}. */
    static Element parse(byte[] data) {
        List<Element> all = parseAll(data, 0, data.length);
        if (all.size() != 1) {
            throw new IllegalArgumentException("expected one DER element, found " + all.size());
        }
        return all.get(0);
    }

    /** Parses the consecutive elements of {@code data[from, to)}. */
    static List<Element> parseAll(byte[] data, int from, int to) {
        List<Element> elements = new ArrayList<>();
        int at = from;
        while (at < to) {
            int tag = data[at++] & 0xFF;
            if ((tag & 0x1F) == 0x1F) {
                throw new IllegalArgumentException("multi-byte DER tags are not supported");
            }
            if (at >= to) {
                throw new IllegalArgumentException("truncated DER element");
            }
            int length = data[at++] & 0xFF;
            if (length >= 0x80) {
                int octets = length & 0x7F;
                if (octets == 0 || octets > 4 || at + octets > to) {
                    throw new IllegalArgumentException("bad DER length");
                }
                length = 0;
                for (int i = 0; i < octets; i++) {
                    length = (length << 8) | (data[at++] & 0xFF);
                }
                if (length < 0) {
                    throw new IllegalArgumentException("bad DER length");
                }
            }
            if (at + length > to) {
                throw new IllegalArgumentException("truncated DER element");
            }
            elements.add(new Element(data, tag, at, length));
            at += length;
        }
        return elements;
    }

    /** An OBJECT IDENTIFIER's value as dotted decimal: {@code 1.2.840.113549.1.1.1}. */
    static String oid(Element element) {
        if (element.tag() != OID || element.length() == 0) {
            throw new IllegalArgumentException("not an OBJECT IDENTIFIER");
        }
        StringBuilder text = new StringBuilder();
        long value = 0;
        boolean first = true;
        for (int i = element.start(); i < element.start() + element.length(); i++) {
            int octet = element.data()[i] & 0xFF;
            value = (value << 7) | (octet & 0x7F);
            if ((octet & 0x80) == 0) {
                if (first) {
                    int top = (int) Math.min(value / 40, 2);
                    text.append(top).append('.').append(value - 40L * top);
                    first = false;
                } else {
                    text.append('.').append(value);
                }
                value = 0;
            }
        }
        return text.toString();
    }

    /** Encodes one element: {@code tag}, then the length, then {@code value}. */
    static byte[] encode(int tag, byte[]... value) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] part : value) {
            content.writeBytes(part);
        }
        int length = content.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length);
        } else {
            out.write(0x83);
            out.write(length >> 16);
            out.write(length >> 8);
            out.write(length);
        }
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }

    /** The whole encoding of {@code element}: tag, length and value. */
    static byte[] encoded(Element element) {
        return encode(element.tag(), element.value());
    }
}

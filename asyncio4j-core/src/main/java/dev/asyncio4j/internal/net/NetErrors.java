package dev.asyncio4j.internal.net;

import dev.asyncio4j.KeyboardInterruptException;
import java.io.Closeable;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.Locale;

/** How the network code words and classifies errors, in one place. Stateless. */
final class NetErrors {

    private NetErrors() {}

    /** Rethrows what must never be swallowed: asyncio's {@code (SystemExit, KeyboardInterrupt)}. */
    static void rethrowFatal(Throwable error) {
        if (error instanceof VirtualMachineError fatal) {
            throw fatal;
        }
        if (error instanceof KeyboardInterruptException interrupt) {
            throw interrupt;
        }
    }

    /** {@code error} as the Exception a protocol's connectionLost receives. */
    static Exception asException(Throwable error) {
        return error instanceof Exception exception ? exception
                : new IllegalStateException("protocol callback failed: " + error, error);
    }

    /** {@code host:port}, with brackets around an IPv6 host, as addresses are shown in messages. */
    static String format(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            String host = inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }

    /**
     * A failed connect, saying where to: asyncio's "Connect call failed (address)". Keeps the
     * JDK's exception class for the common kinds, with the original as the cause.
     */
    static IOException connectFailed(IOException error, SocketAddress address) {
        String message = "Connect call failed " + format(address) + ": " + error.getMessage();
        IOException described;
        if (error instanceof ConnectException) {
            described = new ConnectException(message);
        } else if (error instanceof NoRouteToHostException) {
            described = new NoRouteToHostException(message);
        } else if (error.getClass() == SocketException.class) {
            described = new SocketException(message);
        } else {
            return error;
        }
        described.initCause(error);
        return described;
    }

    /** A failed bind: asyncio's "error while attempting to bind on address ...: <reason>". */
    static IOException bindFailed(IOException error, SocketAddress address) {
        String reason = String.valueOf(error.getMessage()).toLowerCase(Locale.ROOT);
        String message = "error while attempting to bind on address " + format(address) + ": " + reason;
        IOException described = error instanceof BindException ? new BindException(message) : new IOException(message);
        described.initCause(error);
        return described;
    }

    /**
     * The one error to raise after every attempt failed, as asyncio's create_connection chooses:
     * the only one; the first if all say the same; else "Multiple exceptions: a, b, ..." (each
     * also attached as suppressed).
     */
    static IOException combine(List<IOException> errors) {
        IOException first = errors.get(0);
        String model = String.valueOf(first.getMessage());
        boolean same = errors.stream().allMatch(e -> model.equals(String.valueOf(e.getMessage())));
        if (same) {
            return first;
        }
        StringBuilder message = new StringBuilder("Multiple exceptions: ");
        for (int i = 0; i < errors.size(); i++) {
            message.append(i == 0 ? "" : ", ").append(errors.get(i).getMessage());
        }
        IOException combined = new IOException(message.toString());
        errors.forEach(combined::addSuppressed);
        return combined;
    }

    /** Whether an accept failed for lack of descriptors or memory (asyncio: EMFILE, ENFILE, ENOBUFS, ENOMEM). */
    static boolean outOfResources(IOException error) {
        String message = String.valueOf(error.getMessage());
        return message.contains("Too many open files") || message.contains("No buffer space")
                || message.contains("Cannot allocate memory");
    }

    /** Closes {@code resource}, ignoring errors: for cleanup after another failure. */
    static void closeQuietly(Closeable resource) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (IOException ignored) {
            // Already failing or closing: nothing more to say.
        }
    }
}

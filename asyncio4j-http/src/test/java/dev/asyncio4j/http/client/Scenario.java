package dev.asyncio4j.http.client;

import static dev.asyncio4j.Asyncio.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Runs a test body against a scripted server with a fresh session, then proves nothing leaked:
 * no connection left acquired while the session was open, every connection closed after, and
 * the file descriptors back to where they were. Call it in a task (an {@code @AsyncioTest}).
 */
final class Scenario {
    private Scenario() {
    }

    @FunctionalInterface
    interface Body {
        void run(ScriptedServer server, ClientSession session) throws Exception;
    }

    /** {@code script} null: a server that ignores everything it receives. */
    static void run(ScriptedServer.Script script, Body body) throws Exception {
        run(script, SessionOptions.DEFAULT, body);
    }

    static void run(ScriptedServer.Script script, SessionOptions options, Body body) throws Exception {
        long fds = Leaks.openDescriptors();
        ScriptedServer server = await(script == null ? ScriptedServer.silent() : ScriptedServer.start(script));
        ClientSession session = new ClientSession(options);
        try {
            body.run(server, session);
            Leaks.assertPoolEmpty(session);
        } finally {
            await(session.aclose());
            await(server.aclose());
        }
        assertEquals(0, session.connector().statistics().open(), "connections left open");
        Leaks.assertDescriptorsBackTo(fds);
    }
}

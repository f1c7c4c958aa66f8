package dev.asyncio4j.http.client;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.getRunningLoop;
import static dev.asyncio4j.Asyncio.toThread;
import static dev.asyncio4j.Asyncio.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.ExceptionContext;
import dev.asyncio4j.Future;
import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A session collected while open is reported, as aiohttp's "Unclosed client session"; a closed one is not. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SessionLeakTest {

    /** Collections asked for before giving up on one object; each waits up to a second for its reference. */
    private static final int MAX_COLLECTIONS = 30;

    private static PhantomReference<ClientSession> openAndDrop(ReferenceQueue<ClientSession> collected) {
        return new PhantomReference<>(new ClientSession(), collected);
    }

    private static PhantomReference<ClientSession> openCloseAndDrop(ReferenceQueue<ClientSession> collected)
            throws Exception {
        try (var session = new ClientSession()) {
            assertTrue(!session.isClosed());
            return new PhantomReference<>(session, collected);
        }
    }

    /**
     * Waits, on a worker thread, until {@code dropped}'s object has been collected; returns how
     * many collections that took. The JDK offers no way to force a collection, only to ask for one
     * (System.gc()), and no sign of it but a reference enqueued; so this asks a bounded number of
     * times, each time waiting for that sign rather than for a time.
     */
    private static Coroutine<Integer> collection(ReferenceQueue<ClientSession> collected, Reference<ClientSession> dropped) {
        return toThread(() -> {
            for (int i = 1; i <= MAX_COLLECTIONS; i++) {
                System.gc();
                if (collected.remove(1000) == dropped) {
                    return i;
                }
            }
            throw new AssertionError("the dropped session was not collected after " + MAX_COLLECTIONS + " collections");
        });
    }

    @Test
    void anUnclosedSessionIsReportedToTheLoop() throws Exception {
        List<ExceptionContext> reports = new CopyOnWriteArrayList<>();
        Asyncio.run(async(() -> {
            // Debug mode makes a report carry the session's creation trace, which names the helper
            // that made it: the report can then be told to be the unclosed session's.
            getRunningLoop().setDebug(true);
            Future<Void> reported = getRunningLoop().createFuture();
            getRunningLoop().setExceptionHandler((loop, context) -> {
                reports.add(context);
                if (!reported.isDone()) {
                    reported.setResult(null);
                }
            });
            // The closed session first, on its own: a report it wrongly got at its close would
            // already have come through the loop, and one at its collection would be on its way
            // before the open session is even made.
            ReferenceQueue<ClientSession> collected = new ReferenceQueue<>();
            Reference<ClientSession> closed = openCloseAndDrop(collected);
            await(collection(collected, closed));
            assertEquals(List.of(), reports, "a closed session is not reported");

            Reference<ClientSession> open = openAndDrop(collected);
            await(collection(collected, open));
            // The report comes from the session's cleaner thread, through the loop.
            try {
                await(waitFor(reported, Duration.ofSeconds(10)));
            } catch (TimeoutException none) {
                // The assertions below say what is missing.
            }
        }));
        assertEquals(1, reports.size(), reports.toString());
        ExceptionContext report = reports.get(0);
        assertEquals("Unclosed client session", report.message());
        assertTrue(report.asMap().containsKey("client_session"));
        StackTraceElement[] creation = (StackTraceElement[]) report.get("source_traceback");
        assertTrue(Arrays.stream(creation).anyMatch(frame -> frame.getMethodName().equals("openAndDrop")),
                Arrays.toString(creation));
    }
}

package dev.asyncio4j.http.client;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.getRunningLoop;
import static dev.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.ExceptionContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A session collected while open is reported, as aiohttp's "Unclosed client session"; a closed one is not. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SessionLeakTest {

    private static void openAndDrop() {
        new ClientSession();
    }

    private static void openCloseAndDrop() throws Exception {
        try (var session = new ClientSession()) {
            assertTrue(!session.isClosed());
        }
    }

    @Test
    void anUnclosedSessionIsReportedToTheLoop() throws Exception {
        List<ExceptionContext> reports = new CopyOnWriteArrayList<>();
        Asyncio.run(async(() -> {
            getRunningLoop().setExceptionHandler((loop, context) -> reports.add(context));
            openCloseAndDrop();
            openAndDrop();
            for (int i = 0; i < 200 && reports.isEmpty(); i++) {
                System.gc();
                await(sleep(0.01));
            }
            // Give a wrongly reported closed session the same chance to show up.
            for (int i = 0; i < 5; i++) {
                System.gc();
                await(sleep(0.01));
            }
        }));
        assertEquals(1, reports.size(), reports.toString());
        assertEquals("Unclosed client session", reports.get(0).message());
        assertTrue(reports.get(0).asMap().containsKey("client_session"));
    }
}

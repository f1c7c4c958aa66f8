package dev.asyncio4j.http.server;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.testing.AsyncioTest;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.function.Supplier;
import org.junit.jupiter.api.Timeout;

/** Access log lines in aiohttp's format, only formatted when the logger wants them. */
@Timeout(30)
class AccessLogTest {

    /** A System.Logger that records INFO lines, or is disabled. */
    private static final class Recording implements System.Logger {
        final List<String> lines = new ArrayList<>();
        final boolean enabled;
        int checks;

        Recording(boolean enabled) {
            this.enabled = enabled;
        }

        @Override
        public String getName() {
            return "test.access";
        }

        @Override
        public boolean isLoggable(Level level) {
            checks++;
            return enabled && level.getSeverity() >= Level.INFO.getSeverity();
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            lines.add(msg);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(format);
        }

        @Override
        public void log(Level level, Supplier<String> msgSupplier) {
            lines.add(msgSupplier.get());
        }
    }

    private static Application app() {
        Application app = new Application();
        app.router().get("/hello", r -> async(() -> Response.text("hello").setHeader("X-Out", "o")));
        return app;
    }

    @AsyncioTest
    void defaultFormatIsAiohttps() throws Exception {
        Recording log = new Recording(true);
        TestServer server = await(TestServer.start(app(), RunnerOptions.DEFAULT.withAccessLog(log)));
        RawClient c = await(server.client());
        await(c.send("GET /hello?x=1 HTTP/1.1\r\nHost: h\r\nUser-Agent: ua/1\r\nReferer: http://r/\r\n\r\n").reply());
        await(c.send("GET /missing HTTP/1.1\r\nHost: h\r\n\r\n").reply());
        assertEquals(2, log.lines.size());
        String line = log.lines.get(0);
        assertTrue(line.matches("127\\.0\\.0\\.1 \\[\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} [+-]\\d{4}] "
                + "\"GET /hello\\?x=1 HTTP/1\\.1\" 200 5 \"http://r/\" \"ua/1\""), line);
        assertTrue(log.lines.get(1).endsWith("\"GET /missing HTTP/1.1\" 404 14 \"-\" \"-\""), log.lines.get(1));
        await(server.stop());
    }

    @AsyncioTest
    void customFormatAtoms() throws Exception {
        Recording log = new Recording(true);
        TestServer server = await(TestServer.start(app(), RunnerOptions.DEFAULT.withAccessLog(log)
                .withAccessLogFormat("%r|%s|%b|%{X-Out}o|%{Host}i|%D|%T|%Tf|100%%|%P|%q")));
        await(await(server.client()).send("GET /hello HTTP/1.1\r\nHost: h\r\n\r\n").reply());
        String line = log.lines.get(0);
        assertTrue(line.matches("GET /hello HTTP/1\\.1\\|200\\|5\\|o\\|h\\|\\d+\\|0\\|0\\.\\d{6}\\|100%\\|<\\d+>\\|%q"), line);
        await(server.stop());
    }

    @AsyncioTest
    void aDisabledLoggerCostsOneCheckAndNoLine() throws Exception {
        Recording log = new Recording(false);
        TestServer server = await(TestServer.start(app(), RunnerOptions.DEFAULT.withAccessLog(log)));
        RawClient c = await(server.client());
        for (int i = 0; i < 3; i++) {
            await(c.send("GET /hello HTTP/1.1\r\nHost: h\r\n\r\n").reply());
        }
        assertEquals(3, log.checks);
        assertTrue(log.lines.isEmpty());
        await(server.stop());
    }
}

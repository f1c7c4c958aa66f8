package dev.asyncio4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.EventLoop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SpeakAsyncTest {

    @AfterEach
    void forgetTheLoop() {
        Asyncio.setEventLoop(null);
    }

    @Test
    void printsOnTheCurrentLoopAndClosesIt() throws Exception {
        EventLoop loop = Asyncio.newEventLoop();
        Asyncio.setEventLoop(loop);   // as getEventLoop() makes one on the JVM's main thread
        Output out = new Output();

        SpeakAsync.run(out.stream());

        assertEquals("OMG asynchronicity!\n", out.text());
        assertTrue(loop.isClosed());
        Asyncio.setEventLoop(Asyncio.newEventLoop());
        assertNotSame(loop, Asyncio.getEventLoop(), "the closed loop is no longer current");
        Asyncio.getEventLoop().close();
    }

    @Test
    void callingTheCoroutineFunctionRunsNothing() {
        Output out = new Output();
        Coroutine<Void> coro = SpeakAsync.speakAsync(out.stream());

        assertFalse(coro.isStarted());
        assertEquals("", out.text());
        coro.close();
    }
}

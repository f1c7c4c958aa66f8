package dev.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Handle and TimerHandle: CPython's test_events.py HandleTests and TimerTests. */
@Timeout(20)
class HandleTest extends LoopTestCase {

    @Test
    void aCancelledHandleDoesNotRun() {
        List<String> calls = new ArrayList<>();
        Handle handle = loop.callSoon(() -> calls.add("cancelled"));
        assertFalse(handle.isCancelled());
        handle.cancel();
        handle.cancel();
        assertTrue(handle.isCancelled());
        runOnce();
        assertEquals(List.of(), calls);
    }

    @Test
    void aHandleCancelledByAnEarlierCallbackOfTheSameBatchDoesNotRun() {
        List<String> calls = new ArrayList<>();
        Handle[] later = new Handle[1];
        loop.callSoon(() -> later[0].cancel());
        later[0] = loop.callSoon(() -> calls.add("cancelled in the same batch"));
        runOnce();
        assertEquals(List.of(), calls);
    }

    @Test
    void timerHandlesKnowWhenTheyAreDue() {
        TimerHandle at = loop.callAt(12.5, () -> {});
        assertEquals(12.5, at.when(), 1e-9);
        TimerHandle later = loop.callLater(Duration.ofMillis(250), () -> {});
        assertEquals(loop.time() + 0.25, later.when(), 1e-9);
    }

    @Test
    void toStringShowsTheCallbackAndState() {
        Handle handle = loop.callSoon(() -> {});
        assertEquals("Handle[lambda in dev.asyncio4j.HandleTest]", handle.toString());
        handle.cancel();
        assertEquals("Handle[cancelled]", handle.toString());

        TimerHandle timer = loop.callAt(5, () -> {});
        assertEquals("TimerHandle[lambda in dev.asyncio4j.HandleTest, when=5.000000]", timer.toString());
        timer.cancel();
        assertEquals("TimerHandle[cancelled, when=5.000000]", timer.toString());

        Runnable named = new Runnable() {
            @Override
            public void run() {}

            @Override
            public String toString() {
                return "noop()";
            }
        };
        assertEquals("Handle[noop()]", loop.callSoon(named).toString());
    }

    @Test
    void inDebugModeAHandleSaysWhereItWasCreatedAndKeepsItsDescriptionWhenCancelled() {
        // test_handle_repr_debug, test_handle_source_traceback
        loop.setDebug(true);
        int line = new Throwable().getStackTrace()[0].getLineNumber() + 1;
        Handle handle = loop.callSoon(() -> {});
        String created = "created at HandleTest.java:" + line;
        assertEquals("Handle[lambda in dev.asyncio4j.HandleTest, " + created + "]", handle.toString());
        assertNotNull(handle.sourceTraceback());
        assertEquals("inDebugModeAHandleSaysWhereItWasCreatedAndKeepsItsDescriptionWhenCancelled",
                handle.sourceTraceback()[0].getMethodName());
        handle.cancel();
        assertEquals("Handle[cancelled, lambda in dev.asyncio4j.HandleTest, " + created + "]", handle.toString());
        loop.setDebug(false);
        assertNull(loop.callSoon(() -> {}).sourceTraceback());
    }

    @Test
    void aFailingCallbackIsReportedWithItsHandleAndInDebugModeWhereItWasMade() {
        // test_callback_with_exception
        List<ExceptionContext> reports = new ArrayList<>();
        loop.setExceptionHandler((l, context) -> reports.add(context));
        loop.setDebug(true);
        Handle handle = loop.callSoon(() -> {
            throw new IllegalStateException("boom");
        });
        runOnce();
        assertEquals(1, reports.size());
        ExceptionContext context = reports.get(0);
        assertTrue(context.message().startsWith("Exception in callback lambda in dev.asyncio4j.HandleTest"),
                context.message());
        assertSame(handle, context.get("handle"));
        assertArrayEquals(handle.sourceTraceback(), (StackTraceElement[]) context.get("source_traceback"));
    }
}

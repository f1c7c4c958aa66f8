package dev.asyncio4j.examples.cli;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import dev.asyncio4j.Signal;

/** How the servers wait to be stopped: until Ctrl-C (SIGINT) or SIGTERM, as aiohttp's {@code run_app} does. Loop-confined. */
final class StopSignals {

    private StopSignals() {}

    /**
     * Waits on the running loop until SIGINT or SIGTERM arrives; the loop's handlers for both are
     * in place while it waits and removed after (also when the wait is cancelled).
     *
     * @return a coroutine whose result is the signal that arrived
     */
    static Coroutine<Signal> sigintOrSigterm() {
        return async("wait_for_stop_signal", () -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Future<Signal> stop = loop.createFuture();
            for (Signal signal : new Signal[] {Signal.SIGINT, Signal.SIGTERM}) {
                loop.addSignalHandler(signal, () -> {
                    if (!stop.isDone()) {
                        stop.setResult(signal);
                    }
                });
            }
            try {
                return await(stop);
            } finally {
                loop.removeSignalHandler(Signal.SIGINT);
                loop.removeSignalHandler(Signal.SIGTERM);
            }
        });
    }
}

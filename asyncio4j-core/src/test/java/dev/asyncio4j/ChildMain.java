package dev.asyncio4j;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.getRunningLoop;
import static dev.asyncio4j.Asyncio.sleep;

/**
 * The program {@link ChildJvm} runs: one scenario per argument, each printing lines the test
 * waits for. Exit status 0 means the scenario ran to its end.
 */
public final class ChildMain {

    private ChildMain() {}

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    public static void main(String[] args) throws Exception {
        say("MODE " + Asyncio.schedulingMode());
        switch (args[0]) {
            case "debug-default" -> debugDefault();
            case "two-loops" -> twoLoops();
            case "sigint-while-waiting" -> sigintWhileWaiting();
            case "sigint-while-busy" -> sigintWhileBusy();
            case "sigint-twice" -> sigintTwice();
            case "sigint-stuck" -> sigintStuck();
            case "sigint-loop-handler" -> sigintLoopHandler();
            case "sigint-ignored" -> sigintIgnored();
            default -> throw new IllegalArgumentException(args[0]);
        }
        say("END");
    }

    /** What a new loop's debug flag is, from -Dasyncio4j.debug or ASYNCIO4J_DEBUG. */
    private static void debugDefault() {
        EventLoop loop = new EventLoop();
        say("DEBUG " + loop.getDebug());
        loop.close();
    }

    /** Two loops, one after the other: the JVM's scheduling mode is announced once, not per loop. */
    private static void twoLoops() throws Exception {
        Asyncio.run(async(() -> await(sleep(0))));
        Asyncio.run(async(() -> await(sleep(0))));
        say("RAN TWICE");
    }

    /** Runs {@code main} with asyncio.run and says how it ended. */
    private static void runAndSayHowItEnded(Coroutine<Void> main) throws Exception {
        try {
            Asyncio.run(main);
            say("RETURNED");
        } catch (KeyboardInterruptException e) {
            say("KEYBOARD INTERRUPT");
        }
    }

    /** test_interrupt_wait: Ctrl-C cancels the main task and the future it waits on. */
    private static void sigintWhileWaiting() throws Exception {
        runAndSayHowItEnded(async(() -> {
            Future<Void> never = getRunningLoop().createFuture();
            say("READY");
            try {
                await(never);
            } catch (CancelledException e) {
                say("CANCELLED future.isCancelled=" + never.isCancelled());
                throw e;
            }
        }));
    }

    /** test_interrupt_call_soon: the main task never waits on a future, only yields. */
    private static void sigintWhileBusy() throws Exception {
        runAndSayHowItEnded(async(() -> {
            say("READY");
            try {
                while (true) {
                    await(sleep(0));
                }
            } catch (CancelledException e) {
                say("CANCELLED");
                throw e;
            }
        }));
    }

    /** The main task absorbs the first Ctrl-C; the second stops the loop. */
    private static void sigintTwice() throws Exception {
        runAndSayHowItEnded(async(() -> {
            say("READY");
            try {
                await(getRunningLoop().createFuture());
            } catch (CancelledException e) {
                say("CANCELLED ONCE");
            }
            try {
                await(getRunningLoop().createFuture());
            } catch (CancelledException e) {
                say("CANCELLED AT SHUTDOWN");
                throw e;
            }
        }));
    }

    /** A callback that never returns: Ctrl-C cannot reach the loop, so the third one exits. */
    private static void sigintStuck() throws Exception {
        Asyncio.run(async(() -> {
            getRunningLoop().callSoon(() -> {
                say("STUCK");
                while (true) {
                    Thread.onSpinWait();
                }
            });
            await(getRunningLoop().createFuture());
        }));
        say("RETURNED");
    }

    /**
     * A loop's own SIGINT handler, added in one run of a Runner, still gets Ctrl-C in the next run:
     * the Runner neither restores over it nor installs its own on top (asyncio.Runner checks that
     * SIGINT has the default handler).
     */
    private static void sigintLoopHandler() throws Exception {
        try (Runner runner = new Runner()) {
            Future<Void> handled = runner.getLoop().createFuture();
            runner.run(async(() -> getRunningLoop().addSignalHandler(Signal.SIGINT, () -> {
                say("LOOP HANDLER");
                if (!handled.isDone()) {
                    handled.setResult(null);
                }
            })));
            runner.run(async(() -> {
                say("READY");
                await(handled);
                say("HANDLED BY THE LOOP");
            }));
        }
    }

    /** Started with SIGINT ignored (a background job): adding a handler warns that it cannot work. */
    private static void sigintIgnored() throws Exception {
        Asyncio.run(async(() -> getRunningLoop().addSignalHandler(Signal.SIGINT, () -> say("HANDLED"))));
        say("RETURNED");
    }
}

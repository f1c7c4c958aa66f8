package dev.asyncio4j;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records what asyncio4j logs through {@link System.Logger} "dev.asyncio4j" (which the JDK routes
 * to java.util.logging), for tests that pin asyncio's log messages. Thread-safe.
 */
final class LogCapture extends Handler implements AutoCloseable {

    private final Logger logger = Logger.getLogger("dev.asyncio4j");
    private final Level previousLevel;
    private final List<LogRecord> records = new ArrayList<>();
    private final List<Waiter> waiters = new ArrayList<>();

    private record Waiter(Predicate<LogRecord> matches, CompletableFuture<LogRecord> found) {}

    LogCapture() {
        previousLevel = logger.getLevel();
        logger.setLevel(Level.ALL);
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        records.add(record);
        for (Waiter waiter : waiters) {
            if (waiter.matches.test(record)) {
                waiter.found.complete(record);
            }
        }
    }

    /** Every record so far. */
    synchronized List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** The messages of the records at {@code level} so far. */
    synchronized List<String> messages(Level level) {
        return records.stream().filter(r -> r.getLevel().equals(level)).map(LogRecord::getMessage).toList();
    }

    /** The first record (already logged or to come) whose message contains {@code text}. */
    CompletableFuture<LogRecord> when(String text) {
        return when(r -> r.getMessage() != null && r.getMessage().contains(text));
    }

    synchronized CompletableFuture<LogRecord> when(Predicate<LogRecord> matches) {
        CompletableFuture<LogRecord> found = new CompletableFuture<>();
        for (LogRecord record : records) {
            if (matches.test(record)) {
                found.complete(record);
                return found;
            }
        }
        waiters.add(new Waiter(matches, found));
        return found;
    }

    /**
     * Runs the garbage collector until {@code condition} completes, at most about ten seconds:
     * leak reports come from a Cleaner after a collection.
     */
    static <T> T collectUntil(CompletableFuture<T> condition) throws Exception {
        for (int i = 0; i < 100 && !condition.isDone(); i++) {
            System.gc();
            try {
                return condition.get(100, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException notYet) {
                // collect again
            }
        }
        return condition.get(0, TimeUnit.MILLISECONDS);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(previousLevel);
    }
}

package dev.asyncio4j.bench;

import dev.asyncio4j.EventLoop;
import dev.asyncio4j.bench.core.CallSoonBenchmark;
import dev.asyncio4j.bench.core.GatherBenchmark;
import dev.asyncio4j.bench.core.TaskSpawnBenchmark;
import dev.asyncio4j.bench.core.TaskSwitchBenchmark;
import dev.asyncio4j.bench.core.TimerBenchmark;
import dev.asyncio4j.bench.subprocess.SubprocessSpawnBenchmark;
import dev.asyncio4j.bench.sync.SyncBenchmark;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Collectors;

/**
 * The core workloads of {@code asyncio4j-bench/run}, on asyncio4j, timed the way
 * {@code python/core_bench.py} times them on CPython asyncio and uvloop, so that every contender
 * meets the same harness: in one process, each workload runs on a fresh loop until the warm-up
 * time has passed (at least once), then {@code --runs} more times or until {@code --measure-seconds}
 * have passed (task_spawn: once, as a run takes seconds, warmed up with a tenth of its tasks),
 * measured; one line of JSON per workload gives the median and every measured run. The workloads are those of the JMH benchmarks
 * in {@code dev.asyncio4j.bench.core}, {@code .sync} and {@code .subprocess} (same code).
 *
 * <p>Usage: {@code Workloads [--warmup-seconds 2] [--runs 5] [--measure-seconds 0]
 * [--tasks 1000000] [--children 1000] [--scale 1] [workload ...]}; {@code --scale} multiplies the
 * repetitions of the workloads whose figure is per operation (task switch, callSoon, gather's
 * batches, Lock, Queue), for quick runs;
 * workloads: task_switch, task_spawn, call_soon, timers, gather, lock_handoff, queue_put_get,
 * spawn_true (all but spawn_true by default).
 */
public final class Workloads {

    private static final int SWITCH_ROUNDS = 100_000;
    private static final int CALLBACKS = 1_000_000;
    private static final int CALLBACK_CHAINS = 100;
    private static final int TIMERS = 100_000;
    private static final int GATHERED = 10_000;
    private static final int GATHERS_PER_RUN = 20;
    private static final int SYNC_ROUNDS = 100_000;
    private static final int CHILDREN_AT_ONCE = 50;

    /**
     * One workload: {@code body} runs once on a fresh loop; {@code figure} turns the nanoseconds it
     * took into the figure reported, in {@code unit}; {@code warmup} is what a warm-up run runs.
     */
    private record Workload(String unit, DoubleUnaryOperator figure, Body body, Body warmup) {
        Workload(String unit, DoubleUnaryOperator figure, Body body) {
            this(unit, figure, body, body);
        }
    }

    @FunctionalInterface
    private interface Body {
        void run(EventLoop loop) throws Exception;
    }

    private Workloads() {}

    /**
     * Runs the workloads named on the command line and prints one JSON line for each.
     *
     * @param args the options and workload names (see the class comment)
     * @throws Exception if a workload fails
     */
    public static void main(String[] args) throws Exception {
        double warmupSeconds = 2;
        int runs = 5;
        int tasks = 1_000_000;
        int children = 1000;
        double scale = 1;
        double measureSeconds = 0;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--warmup-seconds" -> warmupSeconds = Double.parseDouble(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--tasks" -> tasks = Integer.parseInt(args[++i]);
                case "--children" -> children = Integer.parseInt(args[++i]);
                case "--scale" -> scale = Double.parseDouble(args[++i]);
                case "--measure-seconds" -> measureSeconds = Double.parseDouble(args[++i]);
                default -> names.add(args[i]);
            }
        }
        Map<String, Workload> workloads = workloads(tasks, children, scale);
        if (names.isEmpty()) {
            names.addAll(workloads.keySet());
            names.remove("spawn_true");
        }
        for (String name : names) {
            Workload workload = workloads.get(name);
            if (workload == null) {
                throw new IllegalArgumentException("unknown workload " + name + "; known: " + workloads.keySet());
            }
            List<Double> values = measure(workload, warmupSeconds, name.equals("task_spawn") ? 1 : runs, measureSeconds);
            System.out.println(json(name, workload.unit(), values));
            System.out.flush();
        }
    }

    private static Map<String, Workload> workloads(int tasks, int children, double scale) {
        int switchRounds = scaled(SWITCH_ROUNDS, scale);
        int callbacks = scaled(CALLBACKS, scale);
        int gathers = scaled(GATHERS_PER_RUN, scale);
        int syncRounds = scaled(SYNC_ROUNDS, scale);
        Map<String, Workload> all = new LinkedHashMap<>();
        all.put("task_switch", new Workload("ns/switch", nanos -> nanos / (2.0 * switchRounds),
                loop -> loop.runUntilComplete(TaskSwitchBenchmark.pingPong(loop, switchRounds))));
        // A warm-up of task_spawn needs its code paths, not a million tasks: a tenth will do.
        all.put("task_spawn", new Workload("ms", Workloads::millis,
                loop -> loop.runUntilComplete(TaskSpawnBenchmark.spawnAndFinish(loop, tasks)),
                loop -> loop.runUntilComplete(TaskSpawnBenchmark.spawnAndFinish(loop, Math.max(1, tasks / 10)))));
        all.put("call_soon", new Workload("callbacks/s", nanos -> callbacks / (nanos / 1e9),
                loop -> check(CallSoonBenchmark.run(loop, callbacks, CALLBACK_CHAINS) == callbacks, "callbacks lost")));
        all.put("timers", new Workload("ms", Workloads::millis, loop -> TimerBenchmark.run(loop, TIMERS)));
        all.put("gather", new Workload("ms", nanos -> millis(nanos) / gathers, loop -> {
            for (int i = 0; i < gathers; i++) {
                check(loop.runUntilComplete(GatherBenchmark.gatherAll(GATHERED)).size() == GATHERED, "gather lost results");
            }
        }));
        all.put("lock_handoff", new Workload("ns/handoff", nanos -> nanos / (2.0 * syncRounds),
                loop -> loop.runUntilComplete(SyncBenchmark.lockHandoff(loop, syncRounds))));
        all.put("queue_put_get", new Workload("ns/item", nanos -> nanos / syncRounds,
                loop -> loop.runUntilComplete(SyncBenchmark.queuePutGet(loop, syncRounds))));
        all.put("spawn_true", new Workload("ms", Workloads::millis,
                loop -> loop.runUntilComplete(SubprocessSpawnBenchmark.spawnAll(loop, children, CHILDREN_AT_ONCE))));
        return all;
    }

    private static int scaled(int count, double scale) {
        return Math.max(1, (int) Math.round(count * scale));
    }

    private static double millis(double nanos) {
        return nanos / 1e6;
    }

    private static void check(boolean condition, String failure) {
        if (!condition) {
            throw new IllegalStateException(failure);
        }
    }

    /**
     * Warm-up runs until {@code warmupSeconds} have passed (at least one), then {@code runs}
     * measured, or fewer once {@code measureSeconds} have passed (at least one; 0: no bound).
     */
    private static List<Double> measure(Workload workload, double warmupSeconds, int runs, double measureSeconds)
            throws Exception {
        if (warmupSeconds > 0) {
            long end = System.nanoTime() + (long) (warmupSeconds * 1e9);
            do {
                once(workload, workload.warmup());
            } while (System.nanoTime() < end);
        }
        List<Double> values = new ArrayList<>(runs);
        long end = System.nanoTime() + (long) (measureSeconds * 1e9);
        for (int i = 0; i < runs; i++) {
            values.add(once(workload, workload.body()));
            if (measureSeconds > 0 && System.nanoTime() >= end) {
                break;
            }
        }
        return values;
    }

    private static double once(Workload workload, Body body) throws Exception {
        EventLoop loop = new EventLoop();
        try {
            long start = System.nanoTime();
            body.run(loop);
            return workload.figure().applyAsDouble(System.nanoTime() - start);
        } finally {
            loop.close();
        }
    }

    private static String json(String name, String unit, List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        String runs = values.stream().map(v -> String.format(Locale.ROOT, "%.3f", v)).collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "{\"workload\": \"%s\", \"loop\": \"asyncio4j\", \"value\": %.3f, "
                + "\"unit\": \"%s\", \"runs\": [%s]}", name, median, unit, runs);
    }
}

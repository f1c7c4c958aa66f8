/**
 * asyncio4j's benchmarks: the JMH benchmarks of its core, I/O and HTTP paths, and the programs
 * {@code asyncio4j-bench/run} drives against its peers ({@link dev.asyncio4j.bench.Workloads}, the
 * servers and the client loads).
 */
package dev.asyncio4j.bench;

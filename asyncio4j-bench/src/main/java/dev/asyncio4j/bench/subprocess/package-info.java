/** Benchmarks of the subprocess path: spawning children and waiting for them. */
package dev.asyncio4j.bench.subprocess;

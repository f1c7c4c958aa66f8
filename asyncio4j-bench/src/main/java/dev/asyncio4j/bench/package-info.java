/** JMH benchmarks of asyncio4j's core, I/O and HTTP paths. */
package dev.asyncio4j.bench;

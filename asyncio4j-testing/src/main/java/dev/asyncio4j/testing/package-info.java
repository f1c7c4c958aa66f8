/**
 * Tools for testing asyncio4j programs: a virtual-time event loop and a JUnit 5 extension.
 */
package dev.asyncio4j.testing;

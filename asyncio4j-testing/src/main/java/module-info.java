/**
 * asyncio4j testing tools: a virtual-time {@code TestLoop}, in-memory transports, and a JUnit 5
 * extension that runs test methods as coroutines.
 */
module dev.asyncio4j.testing {
    requires transitive dev.asyncio4j;
    requires static org.junit.jupiter.api;

    exports dev.asyncio4j.testing;
}

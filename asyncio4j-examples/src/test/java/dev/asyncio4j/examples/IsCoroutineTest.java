package dev.asyncio4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class IsCoroutineTest {

    @Test
    void tellsCoroutineFunctionsAndObjectsFromTheOlderStyle() throws Exception {
        Output out = new Output();

        IsCoroutine.run(out.stream());

        assertEquals(List.of(
                "iscoroutinefunction(ping_server): true",
                "iscoroutinefunction(load_file): false",
                "iscoroutine(ping_server('192.168.1.1')): true",
                "iscoroutine(load_file('data.txt')): false"), out.lines());
    }
}

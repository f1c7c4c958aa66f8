/** The tutorial's programs in Java, and the {@code asyncio4j} command line. */
module dev.asyncio4j.examples {
    requires dev.asyncio4j;
    requires info.picocli;
    requires com.fasterxml.jackson.databind;

    exports dev.asyncio4j.examples;
    opens dev.asyncio4j.examples.cli to info.picocli;
}

package dev.asyncio4j.examples.cli;

import picocli.CommandLine;

/** The version printed by {@code asyncio4j --version}: the build's, and the JVM's. Immutable; thread-safe. */
public final class VersionProvider implements CommandLine.IVersionProvider {

    /** The version in the jar's manifest, else the version these sources carry. */
    public static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version != null ? version : "0.1.0-SNAPSHOT";
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "asyncio4j " + version(),
            "JVM " + System.getProperty("java.vm.name") + " " + Runtime.version()
                    + ", scheduling mode " + dev.asyncio4j.Asyncio.schedulingMode(),
        };
    }
}

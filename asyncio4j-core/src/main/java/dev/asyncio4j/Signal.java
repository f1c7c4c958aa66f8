package dev.asyncio4j;

/**
 * The POSIX signals an event loop can handle: Python's {@code signal.Signals} for
 * {@link EventLoop#addSignalHandler}. Immutable.
 */
public enum Signal {
    /** Interrupt from the keyboard (Ctrl-C). */
    SIGINT("INT", 2),
    /** Termination request. */
    SIGTERM("TERM", 15),
    /** Hang-up of the controlling terminal, conventionally "reload configuration". */
    SIGHUP("HUP", 1),
    /** User-defined signal 1. */
    SIGUSR1("USR1", 10),
    /** User-defined signal 2 (the JVM may reserve it; then adding a handler fails clearly). */
    SIGUSR2("USR2", 12);

    private final String jvmName;
    private final int number;

    Signal(String jvmName, int number) {
        this.jvmName = jvmName;
        this.number = number;
    }

    /**
     * The name the JVM knows the signal by ({@code INT}, {@code TERM}, ...).
     *
     * @return the name the JVM knows the signal by ({@code INT}, {@code TERM}, ...)
     */
    public String jvmName() {
        return jvmName;
    }

    /**
     * The signal's number on Linux; {@code 128 + number} is the exit status of a process it killed.
     *
     * @return the signal's number on Linux; {@code 128 + number} is the exit status of a process it
     *     killed
     */
    public int number() {
        return number;
    }
}

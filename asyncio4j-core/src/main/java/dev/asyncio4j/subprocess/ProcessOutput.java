package dev.asyncio4j.subprocess;

import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * What {@link Subprocess#communicate(byte[])} collected: asyncio's {@code (stdout, stderr)} pair.
 * Immutable in spirit: the arrays are the caller's to keep and are not copied.
 *
 * @param stdout everything the child wrote to its stdout, or null if stdout was not a
 *     {@link Stdio#PIPE}
 * @param stderr everything the child wrote to its stderr, or null if stderr was not a pipe
 */
public record ProcessOutput(byte[] stdout, byte[] stderr) {

    /**
     * {@link #stdout()} decoded with {@code charset}, or null.
     *
     * @param charset the charset of the output
     * @return the child's stdout decoded with {@code charset}, or null
     */
    public String stdout(Charset charset) {
        return stdout == null ? null : new String(stdout, charset);
    }

    /**
     * {@link #stderr()} decoded with {@code charset}, or null.
     *
     * @param charset the charset of the output
     * @return the child's stderr decoded with {@code charset}, or null
     */
    public String stderr(Charset charset) {
        return stderr == null ? null : new String(stderr, charset);
    }

    /** Equal when both arrays have the same contents. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ProcessOutput that && Arrays.equals(stdout, that.stdout)
                && Arrays.equals(stderr, that.stderr);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(stdout) * 31 + Arrays.hashCode(stderr);
    }

    /** {@code ProcessOutput[stdout=12 bytes, stderr=null]}. */
    @Override
    public String toString() {
        return "ProcessOutput[stdout=" + describe(stdout) + ", stderr=" + describe(stderr) + "]";
    }

    private static String describe(byte[] data) {
        return data == null ? "null" : data.length + " bytes";
    }
}

package dev.asyncio4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Several unrelated exceptions raised together: Python's {@code ExceptionGroup} and
 * {@code BaseExceptionGroup} in one type. {@link TaskGroup} raises one carrying every error of its
 * tasks (and of its body), in the order they happened.
 *
 * <pre>{@code
 * try {
 *     new TaskGroup().run(...);
 * } catch (ExceptionGroup group) {                       // except* ValueError as group:
 *     ExceptionGroup values = group.subgroup(IllegalArgumentException.class);
 *     ...
 * }
 * }</pre>
 *
 * <p>Each error is also attached as a {@linkplain #getSuppressed() suppressed} exception, so a
 * printed stack trace shows all of them. Java has no {@code BaseException}/{@code Exception}
 * split that a catch clause could use, so one type serves both of Python's; it may carry
 * {@link Error}s. {@link #getMessage()} is Python's {@code str(group)}: the message and the count
 * ({@code "unhandled errors in a TaskGroup (2 sub-exceptions)"}); {@link #message()} is the bare
 * message. Immutable once thrown (apart from what {@link Throwable} itself lets anyone change).
 */
public class ExceptionGroup extends Exception {

    /** The message given to the constructor, without the count {@link #getMessage()} adds. */
    private final String message;
    /** The exceptions of the group, in order; unmodifiable. */
    private final List<Throwable> exceptions;

    /**
     * A group of {@code exceptions}: Python's {@code ExceptionGroup(message, exceptions)}.
     *
     * @param message the message
     * @param exceptions the exceptions
     * @throws IllegalArgumentException if {@code exceptions} is empty or holds null
     */
    public ExceptionGroup(String message, List<? extends Throwable> exceptions) {
        super(Objects.requireNonNull(message, "message"), null, true, true);
        Objects.requireNonNull(exceptions, "exceptions");
        if (exceptions.isEmpty()) {
            throw new IllegalArgumentException("second argument (exceptions) must be a non-empty sequence");
        }
        for (Throwable error : exceptions) {
            if (error == null) {
                throw new IllegalArgumentException("Item 0 of second argument (exceptions) is not an exception: null");
            }
        }
        this.message = message;
        this.exceptions = List.copyOf(exceptions);
        for (Throwable error : this.exceptions) {
            if (error != this) {
                addSuppressed(error);
            }
        }
    }

    /**
     * The message given to the constructor: Python's {@code group.message}.
     *
     * @return the message given to the constructor
     */
    public String message() {
        return message;
    }

    /**
     * The exceptions, in order: Python's {@code group.exceptions}. Immutable.
     *
     * @return the exceptions, in order
     */
    public List<Throwable> exceptions() {
        return exceptions;
    }

    /** The message and how many exceptions the group holds, as Python's {@code str(group)}. */
    @Override
    public String getMessage() {
        int count = exceptions.size();
        return message + " (" + count + " sub-exception" + (count == 1 ? "" : "s") + ")";
    }

    /**
     * A group of the same message and cause holding {@code newExceptions}: Python's
     * {@code derive()}, which {@link #subgroup} and {@link #split} use. Override it in a subclass
     * to keep the subclass.
     *
     * @param newExceptions the exceptions of the new group
     * @return a group of the same message and cause holding {@code newExceptions}
     */
    public ExceptionGroup derive(List<? extends Throwable> newExceptions) {
        return new ExceptionGroup(message, newExceptions);
    }

    /**
     * The part of this group whose leaves match {@code condition}, nested groups kept, or null if
     * none does: Python's {@code subgroup()}. Returns this group itself when all of it matches.
     *
     * @param condition what to test
     * @return the part of this group whose leaves match {@code condition}, nested groups kept, or
     *     null if none does
     */
    public ExceptionGroup subgroup(Predicate<? super Throwable> condition) {
        return split(condition).match();
    }

    /**
     * {@link #subgroup(Predicate)} for the leaves that are instances of {@code type}.
     *
     * @param type the class
     * @return the part of this group whose leaves are {@code type}s, or null if none is
     */
    public ExceptionGroup subgroup(Class<? extends Throwable> type) {
        return subgroup(type::isInstance);
    }

    /**
     * This group split in two: the part whose leaves match {@code condition} and the rest, each
     * null when empty: Python's {@code split()}.
     *
     * @param condition what to test
     * @return this group split in two: the part whose leaves match {@code condition} and the rest,
     *     each null when empty
     */
    public Split split(Predicate<? super Throwable> condition) {
        Objects.requireNonNull(condition, "condition");
        if (condition.test(this)) {
            return new Split(this, null);
        }
        List<Throwable> matching = new ArrayList<>();
        List<Throwable> rest = new ArrayList<>();
        for (Throwable error : exceptions) {
            if (error instanceof ExceptionGroup nested) {
                Split parts = nested.split(condition);
                if (parts.match() != null) {
                    matching.add(parts.match());
                }
                if (parts.rest() != null) {
                    rest.add(parts.rest());
                }
            } else if (condition.test(error)) {
                matching.add(error);
            } else {
                rest.add(error);
            }
        }
        return new Split(part(matching, rest.isEmpty()), part(rest, matching.isEmpty()));
    }

    /**
     * {@link #split(Predicate)} by the leaves' type.
     *
     * @param type the class
     * @return this group split in two by the leaves' type
     */
    public Split split(Class<? extends Throwable> type) {
        return split(type::isInstance);
    }

    private ExceptionGroup part(List<Throwable> members, boolean whole) {
        if (members.isEmpty()) {
            return null;
        }
        if (whole && members.equals(exceptions)) {
            return this;
        }
        ExceptionGroup derived = derive(members);
        derived.setStackTrace(getStackTrace());
        if (getCause() != null) {
            derived.initCause(getCause());
        }
        return derived;
    }

    /**
     * The two parts of a {@link #split}: the matching one and the rest, each null when empty.
     *
     * @param match the part that matched
     * @param rest the part that did not
     */
    public record Split(ExceptionGroup match, ExceptionGroup rest) {}
}

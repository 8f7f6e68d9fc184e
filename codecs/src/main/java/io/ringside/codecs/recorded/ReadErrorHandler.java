package io.ringside.codecs.recorded;

/** Told of each record a reader refuses. Called only on bad input, never in normal flow. */
@FunctionalInterface
public interface ReadErrorHandler
{
    /**
     * @param kind     short snake_case kind, for counting ("malformed_line", "unknown_type", ...).
     * @param location where, in words a user can find: file and line, or file and byte offset.
     * @param problem  what is wrong with it.
     * @return true to skip the record and go on, false to stop reading.
     */
    boolean onError(String kind, String location, String problem);
}

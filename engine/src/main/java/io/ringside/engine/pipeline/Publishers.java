package io.ringside.engine.pipeline;

/**
 * What ingress reads from knows its publishers: a source id stays bound to its publisher only while that publisher is
 * there. A publisher is a long: live, an Aeron stream id and session id ({@link #live}); durable, a recording id.
 */
public interface Publishers
{
    /** For a path that cannot tell: a bound publisher is taken as there for ever. */
    Publishers NONE = new Publishers()
    {
        public boolean isConnected(final long publisher)
        {
            return true;
        }

        public String describe(final long publisher)
        {
            return "publisher " + publisher;
        }
    };

    /** Cold path: only when another publisher claims a source id bound to this one. */
    boolean isConnected(long publisher);

    /** For an operator: which stream and session (and, over UDP, which address), or which recording. */
    String describe(long publisher);

    static long live(final int streamId, final int sessionId)
    {
        return ((long)streamId << 32) | (sessionId & 0xFFFF_FFFFL);
    }

    static int streamId(final long publisher)
    {
        return (int)(publisher >>> 32);
    }

    static int sessionId(final long publisher)
    {
        return (int)publisher;
    }
}

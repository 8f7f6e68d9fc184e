package io.ringside.engine;

import io.aeron.driver.ThreadingMode;
import io.ringside.engine.pipeline.HandlerGraph;
import io.ringside.engine.pipeline.WaitStrategies;
import io.ringside.transport.IdleStrategies;

/**
 * How many threads the engine runs and how they wait, by profile. What a setting given on its own does not fix comes
 * from here.
 * <ul>
 *   <li>{@code compact}, for few cores: two threads. The ingress thread also runs the embedded media driver's duty
 *   cycle (Aeron's INVOKER mode), and one ring consumer runs surveillance, the strategy and egress in turn, parked
 *   between events and woken by the publish. A durable engine's ingress thread runs its embedded archive (Aeron's
 *   INVOKER mode too) and the sequencer as well, so an event goes from a feed's stream into the log, onto disk and
 *   into the ring in one duty cycle. A live engine whose embedded driver records an archive keeps the driver SHARED
 *   (the archive has threads of its own, and nothing waits on it), as does an external driver. Threads that have
 *   nothing to do leave the cores to those that have.</li>
 *   <li>{@code single}, for the fewest cores: one thread on the events. Ingress drains each event it publishes from
 *   the ring itself, through surveillance, the strategy and egress (the Disruptor's {@code EventPoller}): no event is
 *   handed to another thread, so none waits for a wake-up, and the cores are left to the processes around the engine
 *   (the feed, the consumers of its outputs). A live engine's driver keeps a thread of its own, which backs off when
 *   idle: run by ingress, its rare long tasks (cleaning a consumed stretch of a log, unmapping and deleting a
 *   finished sender's logs, and the client conductor's own unmapping) stalled events for milliseconds, the engine's
 *   p99 at 10k events/s three to four times raw Aeron's where the same handlers behind queues, whose driver had its
 *   own thread, did better. A durable engine's ingress runs its driver and archive as in {@code compact}.</li>
 *   <li>{@code shared}: the driver on a thread of its own, three ring consumers (surveillance and the strategy in
 *   parallel, then egress) that sleep when idle.</li>
 *   <li>{@code dedicated}: {@code shared}'s threads, busy spinning: for isolated cores, one per thread.</li>
 *   <li>{@code auto} (the default): {@code single} on up to {@value #SINGLE_MAX_CORES} cores, {@code compact} on up to
 *   {@value #COMPACT_MAX_CORES}, else {@code shared}: chosen by interleaved bench rounds on two cores.
 *   </li>
 * </ul>
 */
public final class ThreadingProfile
{
    public static final String AUTO = "auto";
    public static final String COMPACT = "compact";
    public static final String SINGLE = "single";
    public static final String SHARED = "shared";
    public static final String DEDICATED = "dedicated";
    public static final int SINGLE_MAX_CORES = 2;
    public static final int COMPACT_MAX_CORES = 4;

    private final String name;
    private final boolean liveDriverInvoked;
    private final boolean durableDriverInvoked;
    private final String idleStrategy;
    private final String handlerWaitStrategy;
    private final String handlerLayout;

    private ThreadingProfile(
        final String name,
        final boolean liveDriverInvoked,
        final boolean durableDriverInvoked,
        final String idleStrategy,
        final String handlerWaitStrategy,
        final String handlerLayout)
    {
        this.name = name;
        this.liveDriverInvoked = liveDriverInvoked;
        this.durableDriverInvoked = durableDriverInvoked;
        this.idleStrategy = idleStrategy;
        this.handlerWaitStrategy = handlerWaitStrategy;
        this.handlerLayout = handlerLayout;
    }

    /**
     * @param profile one of the names above.
     * @param cores   the cores this process may use, for {@code auto}.
     * @throws IllegalArgumentException for an unknown profile.
     */
    public static ThreadingProfile of(final String profile, final int cores)
    {
        return switch (null == profile ? "" : profile)
        {
            case AUTO -> of(cores <= SINGLE_MAX_CORES ? SINGLE : cores <= COMPACT_MAX_CORES ? COMPACT : SHARED, cores);
            case COMPACT -> new ThreadingProfile(
                COMPACT, true, true, IdleStrategies.BACKOFF, WaitStrategies.PARKING, HandlerGraph.SEQUENTIAL);
            case SINGLE -> new ThreadingProfile(
                SINGLE, false, true, IdleStrategies.BACKOFF, WaitStrategies.PARKING, HandlerGraph.INLINE);
            case SHARED -> new ThreadingProfile(
                SHARED, false, false, IdleStrategies.BACKOFF, WaitStrategies.SLEEPING, HandlerGraph.PARALLEL);
            case DEDICATED -> new ThreadingProfile(
                DEDICATED, false, false, IdleStrategies.BUSY_SPIN, WaitStrategies.BUSY_SPIN, HandlerGraph.PARALLEL);
            default -> throw new IllegalArgumentException(
                "profile: unknown profile '" + profile + "'; expected auto, single, compact, shared or dedicated");
        };
    }

    /**
     * Give {@code ctx} this profile's threading where it has none set, and check what it has.
     *
     * @throws IllegalArgumentException for an INVOKER driver where the ingress thread cannot run it: an external
     *                                  driver, the blocking-queue baseline, or a live engine's archive.
     */
    void fillUnset(final EngineContext ctx)
    {
        if (null == ctx.ingressIdleStrategy())
        {
            ctx.ingressIdleStrategy(idleStrategy);
        }
        if (null == ctx.egressIdleStrategy())
        {
            ctx.egressIdleStrategy(idleStrategy);
        }
        if (null == ctx.handlerWaitStrategy())
        {
            ctx.handlerWaitStrategy(handlerWaitStrategy);
        }
        if (null == ctx.handlerLayout())
        {
            ctx.handlerLayout(handlerLayout);
        }
        else if (!HandlerGraph.PARALLEL.equals(ctx.handlerLayout()) &&
            !HandlerGraph.SEQUENTIAL.equals(ctx.handlerLayout()) && !HandlerGraph.INLINE.equals(ctx.handlerLayout()))
        {
            throw new IllegalArgumentException("handler-layout: unknown layout '" + ctx.handlerLayout()
                + "'; expected parallel, sequential or inline");
        }
        if (EngineContext.UNSET_RING_SIZE == ctx.ringSize())
        {
            // Where ingress takes each event through every handler itself, the ring never holds more than the event
            // in hand: more slots only spread each event over memory no cache keeps. On two cores 65,536 slots (about
            // 170 MB) cost a third of surveillance's time an event; fed 1.6M events/s, the engine took 1.4M/s with
            // them and all of it with 64.
            final boolean inline =
                HandlerGraph.DISRUPTOR.equals(ctx.pipeline()) && HandlerGraph.INLINE.equals(ctx.handlerLayout());
            ctx.ringSize(inline ? EngineContext.INLINE_RING_SIZE : EngineContext.DEFAULT_RING_SIZE);
        }
        final boolean archive = ctx.durableLog().archive();
        final boolean durable = ctx.durableLog().durable();
        if (null == ctx.driverThreadingMode())
        {
            ctx.driverThreadingMode(driverThreadingMode(ctx.embeddedDriver(), archive, durable, ctx.pipeline()));
        }
        else if (ThreadingMode.INVOKER == ctx.driverThreadingMode() && !invokable(
            ctx.embeddedDriver(), archive, durable, ctx.pipeline()))
        {
            throw new IllegalArgumentException("driver-threading: INVOKER needs the embedded driver, on the disruptor "
                + "pipeline, and no archive unless the engine is durable (the ingress thread runs the driver, and a "
                + "durable engine's archive with it; a live engine's archive would use the driver from threads of its "
                + "own, and the blocking-queue baseline's ingress blocks)");
        }
    }

    /** The profile in force: {@code auto} resolved. */
    public String name()
    {
        return name;
    }

    /**
     * The embedded driver's threading mode: INVOKER, run by the ingress thread, only where that thread is the
     * driver's only runner: without an archive, or with a durable engine's, which the ingress thread runs too (a live
     * engine's archive keeps threads of its own, which use the driver); and on the Disruptor ring (the blocking-queue
     * baseline's ingress blocks in its queues, where it could not run the driver).
     */
    public ThreadingMode driverThreadingMode(
        final boolean embeddedDriver, final boolean archive, final boolean durable, final String pipeline)
    {
        final boolean invoked = durable ? durableDriverInvoked : liveDriverInvoked;
        return invoked && invokable(embeddedDriver, archive, durable, pipeline) ?
            ThreadingMode.INVOKER : ThreadingMode.SHARED;
    }

    private static boolean invokable(
        final boolean embeddedDriver, final boolean archive, final boolean durable, final String pipeline)
    {
        return embeddedDriver && (!archive || durable) && HandlerGraph.DISRUPTOR.equals(pipeline);
    }

    /** The ingress agent's, and egress's when back-pressured. */
    public String idleStrategy()
    {
        return idleStrategy;
    }

    public String handlerWaitStrategy()
    {
        return handlerWaitStrategy;
    }

    public String handlerLayout()
    {
        return handlerLayout;
    }
}

package io.ringside.latency.bench;

import io.aeron.Aeron;
import io.aeron.Counter;
import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.ringside.engine.EngineContext;
import io.ringside.engine.EngineDrivers;
import io.ringside.engine.StreamSettings;
import io.ringside.engine.metrics.EngineCounters;
import io.ringside.transport.ArchivingDriver;
import io.ringside.transport.EmbeddedMediaDriver;
import io.ringside.transport.ClientConductorAgent;
import io.ringside.transport.IdleStrategies;
import io.ringside.transport.InvokedDriver;
import io.ringside.transport.PublishTime;
import io.ringside.transport.SubscriptionAgent;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.CompositeAgent;
import org.agrona.concurrent.IdleStrategy;

/**
 * The transport floor: every ingress frame sent straight back on the order stream, with no engine in between. Same
 * media driver settings, channels and idle strategies as the engine, so the difference in a side-by-side run is the
 * engine's own cost; it records its streams with an archive exactly when the context has the engine's archive on.
 * Keeps an "events_in" counter under the engine's label, so a feed waits for it the same way.
 */
public final class AeronEcho implements AutoCloseable
{
    private final AutoCloseable driver;
    private final Aeron aeron;
    private final AgentRunner runner;
    private final Counter eventsIn;

    public AeronEcho(final EngineContext ctx)
    {
        ctx.conclude();
        driver = ctx.embeddedDriver() ? launchDriver(ctx) : null;
        // With the compact profile the echo's one thread runs the driver too, as the engine's ingress thread does.
        final InvokedDriver invoked = driver instanceof MediaDriver mediaDriver &&
            ThreadingMode.INVOKER == ctx.driverThreadingMode() ? new InvokedDriver(mediaDriver.sharedAgentInvoker(),
            ctx.streams().ingressChannel().startsWith("aeron:ipc") && ctx.streams().egressChannel().startsWith("aeron:ipc") ?
            InvokedDriver.IPC_HOUSEKEEPING_INTERVAL_NS : 0) : null;
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(ctx.aeronDirectoryName())
            .useConductorAgentInvoker(null != invoked)
            .driverAgentInvoker(null == invoked ? null : invoked.clientInvoker())
            .driverTimeoutMs(ctx.driverTimeoutMs()));
        eventsIn = aeron.addCounter(EngineCounters.RINGSIDE_COUNTER_TYPE_ID, EngineCounters.LABEL_PREFIX + "events_in");
        final StreamSettings streams = ctx.streams();
        final Subscription subscription = aeron.addSubscription(streams.ingressChannel(), streams.ingressStreamId());
        // The alert stream carries nothing here; it exists so listeners connect as they do to an engine.
        aeron.addExclusivePublication(streams.egressChannel(), streams.alertStreamId());
        final ExclusivePublication echo =
            aeron.addExclusivePublication(streams.egressChannel(), streams.orderStreamId());
        final IdleStrategy egressIdle = IdleStrategies.of("egress-idle", ctx.egressIdleStrategy());
        // As the engine's egress: when this thread runs the driver, only it can move the echo's publication limit on,
        // so waiting on back-pressure runs the driver and the client's conductor (else, with a window of a megabyte
        // and a fast feed, the echo waited forever on a limit nobody moved).
        final IdleStrategy backPressureIdle = null == invoked ? egressIdle :
            InvokedDriver.idleRunning(() -> invoked.doWork(aeron.conductorAgentInvoker()), egressIdle);

        final SubscriptionAgent agent = new SubscriptionAgent("ringside-echo", subscription,
            (buffer, offset, length, header) -> send(echo, backPressureIdle, buffer, offset, length),
            ctx.fragmentLimit(), null);
        runner = new AgentRunner(IdleStrategies.of("ingress-idle", ctx.ingressIdleStrategy()), Throwable::printStackTrace,
            null, null == invoked ? agent : new CompositeAgent(invoked, new ClientConductorAgent(aeron), agent));
        // As the engine does: start-up's garbage (some 20 MB: the driver, class loading) collected before the first
        // frame. Left, it filled the young generation in a measured phase and paused the echo 6 ms, the floor the
        // engine is compared with.
        System.gc();
        AgentRunner.startOnThread(runner);
    }

    /**
     * The engine's embedded driver as the engine launches it: with its archive recording the same streams when the
     * context says so, so a comparison with the engine pays for the same disk writes or for none.
     */
    private static AutoCloseable launchDriver(final EngineContext ctx)
    {
        if (ctx.durableLog().archive())
        {
            return ArchivingDriver.launch(EngineDrivers.embedded(ctx));
        }
        return EmbeddedMediaDriver.launch(
            ctx.aeronDirectoryName(),
            ctx.driverThreadingMode(),
            IdleStrategies.of("driver-idle", ctx.driverIdleStrategy()),
            ctx.termBufferLength());
    }

    private void send(
        final ExclusivePublication echo,
        final IdleStrategy idle,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        idle.reset();
        long result;
        while ((result = echo.offer(buffer, offset, length, PublishTime.STAMP)) < 0)
        {
            if (result == Publication.NOT_CONNECTED || result == Publication.CLOSED)
            {
                break; // nobody to echo to: a benchmark without a listener measures nothing anyway
            }
            idle.idle();
        }
        eventsIn.incrementRelease();
    }

    public void close()
    {
        CloseHelper.closeAll(runner, aeron, driver);
    }
}

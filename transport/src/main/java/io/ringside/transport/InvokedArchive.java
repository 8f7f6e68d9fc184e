package io.ringside.transport;

import io.aeron.archive.Archive;
import org.agrona.CloseHelper;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentInvoker;

/**
 * An embedded Aeron Archive in its INVOKER mode, with what an {@link ArchivingDriver} runs beside it (the
 * {@link IngressSequencer}, and the conductor of the Aeron client both use), as an agent of an {@link InvokerThread}:
 * the thread that runs the invoked driver too, a durable engine's ingress, whose duty cycle so takes a message from a
 * feed's stream into the sequenced log, onto disk, and into the ring.
 * <p>
 * The archive's duty cycle runs on that one thread only, from its first to its close: an archive's control session
 * answers only on the thread that made it (Aeron checks, and refuses the answer), so a client that waits for the
 * archive on another thread (the launcher's, while the engine starts) leaves the archive to that thread and runs only
 * the driver and the conductor meanwhile ({@link #clientInvoker()}); on the archive's own thread (the engine's ingress
 * starting a replay) it runs the archive too, as nothing else would.
 * <p>
 * Closing it, on that thread, closes the archive there too: closing ends the archive's recordings, which it tells
 * the control sessions that started them, on that thread only. Only the {@link ArchivingDriver} that launched the
 * archive closes the thread.
 */
public final class InvokedArchive implements Agent
{
    private final Archive archiveServer;
    private final AgentInvoker archive;
    private final AgentInvoker clientConductor;
    private final AgentInvoker forClient;
    private volatile Thread archiveThread;
    private volatile IngressSequencer sequencer;

    /**
     * @param archiveServer   the archive, launched in INVOKER mode.
     * @param driver          the invoked driver the archive uses.
     * @param clientConductor the conductor of the client the driver's archive control client and sequencer use.
     */
    InvokedArchive(final Archive archiveServer, final InvokedDriver driver, final AgentInvoker clientConductor)
    {
        this.archiveServer = archiveServer;
        this.archive = archiveServer.invoker();
        this.clientConductor = clientConductor;
        final AgentInvoker driverForClient = driver.clientInvoker();
        // A client waiting for the archive waits on the driver too (the replay's image, the response's publication):
        // both are run every time, as the client's own waits for the driver run it.
        this.forClient = new AgentInvoker(Throwable::printStackTrace, null, new Agent()
        {
            public int doWork()
            {
                final int archiveWork = Thread.currentThread() == archiveThread ? archive.invoke() : 0;
                return driverForClient.invoke() + archiveWork + clientConductor.invoke();
            }

            public String roleName()
            {
                return InvokedArchive.this.roleName();
            }
        });
        forClient.start();
    }

    /** Set once, when the archive records the sequenced log: the sequencer goes first in each duty cycle. */
    void sequencer(final IngressSequencer sequencer)
    {
        this.sequencer = sequencer;
    }

    /** On the thread that runs it: the archive's duty cycle is that thread's from now on. */
    public void onStart()
    {
        archiveThread = Thread.currentThread();
    }

    /**
     * The sequencer (what the feeds published, into the log), the archive (the log, onto disk, and any replay) and
     * the client's conductor: the work done. On the archive's thread only.
     */
    public int doWork()
    {
        final IngressSequencer sequencer = this.sequencer;
        return (null == sequencer ? 0 : sequencer.doWork()) + archive.invoke() + clientConductor.invoke();
    }

    /** On the archive's thread, as that thread stops: the archive closes with it. */
    public void onClose()
    {
        CloseHelper.close(archiveServer);
    }

    /**
     * For {@code AeronArchive.Context.agentInvoker}: the driver and the client's conductor, and on the archive's own
     * thread the archive too, run while a client waits for the archive's answer (the client runs its own conductor).
     */
    public AgentInvoker clientInvoker()
    {
        return forClient;
    }

    public String roleName()
    {
        return "invoked-archive";
    }
}

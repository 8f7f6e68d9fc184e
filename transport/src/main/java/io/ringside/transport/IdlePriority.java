package io.ringside.transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Puts the calling thread under Linux's {@code SCHED_IDLE} policy, for threads whose work can wait a few
 * milliseconds: the latency logs' encoding and writing, once a second.
 * <p>
 * On few cores such a thread shares a core with the hot ones. Under the fair scheduler a thread that wakes for its
 * once-a-second burst runs out its slice (1.6 ms of histogram encoding, measured), and an ingress thread woken on the
 * same core meanwhile waits for it: a millisecond stall in the engine's tail that raw Aeron does not have. A
 * {@code SCHED_IDLE} thread is preempted the moment any normal thread wakes on its core, and otherwise runs as
 * before on time no one else wants.
 * <p>
 * The JDK has no call for it, and Java thread priorities are ignored on Linux unless the JVM runs as root with
 * {@code -XX:ThreadPriorityPolicy=1}, so it is set with util-linux's {@code chrt} on this thread's id, which any user
 * may do to their own threads. Where that is missing (not Linux, no {@code chrt}) the thread keeps its priority: the
 * work is the same, only its timing differs.
 */
public final class IdlePriority
{
    /** Fixed paths, never a {@code chrt} found on the PATH of whoever started the process. */
    private static final String[] CHRT = {"/usr/bin/chrt", "/bin/chrt"};
    private static final Path THREAD_SELF = Path.of("/proc/thread-self");
    /** Field 41 of {@code /proc/[tid]/stat}, counting from 1; 5 is {@code SCHED_IDLE}. */
    private static final int POLICY_FIELD = 41;
    private static final int SCHED_IDLE = 5;

    private IdlePriority()
    {
    }

    /**
     * @return null when the calling thread now runs under {@code SCHED_IDLE}, else why not, for a log line.
     */
    public static String applyToCurrentThread()
    {
        final String tid;
        try
        {
            tid = threadId();
        }
        catch (final IOException | RuntimeException ex)
        {
            return "no thread id from " + THREAD_SELF + " (" + ex.getMessage() + ")";
        }
        final String chrt = chrt();
        if (null == chrt)
        {
            return "no chrt at " + String.join(" or ", CHRT);
        }
        try
        {
            final Process process = new ProcessBuilder(chrt, "--idle", "--pid", "0", tid)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
            if (!process.waitFor(5, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                return chrt + " did not finish in 5 s";
            }
            if (0 != process.exitValue())
            {
                return chrt + " --idle --pid 0 " + tid + " exited " + process.exitValue();
            }
            return isIdle() ? null : chrt + " exited 0 but the policy is unchanged";
        }
        catch (final IOException ex)
        {
            return chrt + ": " + ex.getMessage();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Whether the calling thread runs under {@code SCHED_IDLE}. */
    public static boolean isIdle()
    {
        try
        {
            return SCHED_IDLE == policy(Files.readString(THREAD_SELF.resolve("stat")));
        }
        catch (final IOException | RuntimeException ex)
        {
            return false;
        }
    }

    /** The thread's own id: /proc/thread-self links to {@code <pid>/task/<tid>}. */
    private static String threadId() throws IOException
    {
        final Path link = Files.readSymbolicLink(THREAD_SELF);
        final String tid = link.getFileName().toString();
        if (tid.isEmpty() || tid.length() > 10 || !tid.chars().allMatch(Character::isDigit))
        {
            throw new IOException("unexpected link " + link);
        }
        return tid;
    }

    private static String chrt()
    {
        for (final String candidate : CHRT)
        {
            if (Files.isExecutable(Path.of(candidate)))
            {
                return candidate;
            }
        }
        return null;
    }

    /** The policy field of a stat line; the command name before it is in parentheses and may hold spaces. */
    static int policy(final String stat)
    {
        final String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // Fields after the name start at field 3.
        return Integer.parseInt(fields[POLICY_FIELD - 3]);
    }
}

package io.ringside.latency.report;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The cluster's failover in a bench run: its leader's process killed with SIGKILL mid-feed at a fixed rate, and how
 * long from the kill until a new leader was elected, until the feed received the new leader's first output (the first
 * output after the kill repeating a sequence already received: only a new leader publishes an output again), and
 * until it received the first output it had not had before. Times in ns from the kill, -1 for what never came.
 *
 * @param killedMember      the leader killed; -1 when there was none to kill.
 * @param newLeader         the member elected after it; -1 when none was seen.
 * @param heartbeatTimeoutMs the members' leader heartbeat timeout: the floor of a failover.
 * @param repeated          outputs received more than once (the new leader's republished ones the feed had).
 * @param lost              output sequences never received.
 * @param directory         the run's directory name.
 */
public record FailoverTime(
    long rate, int killedMember, int newLeader, long electedNs, long newLeaderOutputNs, long firstNewOutputNs,
    long heartbeatTimeoutMs, long repeated, long lost, String directory)
{
    /** The page's table: what was killed, then each time from the kill. */
    public Map<String, String> table()
    {
        final Map<String, String> rows = new LinkedHashMap<>();
        rows.put("rate (events/s)", String.format(Locale.ROOT, "%,d", rate));
        rows.put("leader killed (SIGKILL)", killedMember < 0 ? "none: no leader found" : "member " + killedMember);
        rows.put("new leader", newLeader < 0 ? "none seen" : "member " + newLeader);
        rows.put("kill -> new leader elected (ms)", millis(electedNs));
        rows.put("kill -> first output from the new leader (ms)", millis(newLeaderOutputNs));
        rows.put("kill -> first output not received before (ms)", millis(firstNewOutputNs));
        rows.put("leader heartbeat timeout (ms)", Long.toString(heartbeatTimeoutMs));
        rows.put("outputs received twice", Long.toString(repeated));
        rows.put("outputs lost", Long.toString(lost));
        rows.put("directory", directory);
        return rows;
    }

    /** One line: the headline's and the terminal's. */
    public String describe()
    {
        if (killedMember < 0)
        {
            return String.format(Locale.ROOT, "cluster failover at %,d events/s: no leader to kill", rate);
        }
        return String.format(Locale.ROOT, "cluster failover at %,d events/s: leader (member %d) killed with SIGKILL; "
            + "new leader elected after %s ms, its first output after %s ms, the first output not received before "
            + "after %s ms (heartbeat timeout %d ms); %d outputs received twice, %d lost", rate, killedMember,
            millis(electedNs), millis(newLeaderOutputNs), millis(firstNewOutputNs), heartbeatTimeoutMs, repeated,
            lost);
    }

    /** ns as ms with one decimal; "-" for -1. */
    public static String millis(final long ns)
    {
        return ns < 0 ? "-" : String.format(Locale.ROOT, "%.1f", ns / 1e6);
    }
}

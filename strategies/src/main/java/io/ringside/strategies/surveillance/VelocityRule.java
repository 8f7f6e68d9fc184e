package io.ringside.strategies.surveillance;

import io.ringside.codecs.sbe.Severity;
import io.ringside.codecs.snapshot.SurveillanceStateDecoder;
import io.ringside.codecs.snapshot.SurveillanceStateEncoder;
import io.ringside.strategies.AlertSink;
import io.ringside.strategies.StateMessages;
import org.agrona.collections.Long2LongHashMap;

import java.util.Arrays;

/**
 * Rule 3, velocity: more than {@code max-messages} new orders and cancels by one account within {@code window-ns} of
 * event time. A true sliding window per account: a message at time t counts the account's messages at times t' with
 * t - t' &lt; window, itself included. Each account keeps the times of its last max-messages messages in a ring, a slice
 * of one shared array, so the test is one comparison with the oldest of them and a message allocates nothing.
 * <p>
 * Fires once when the count crosses the limit, at the message that makes it max-messages + 1; re-arms at the first
 * message after which the account is back within the limit.
 * <p>
 * Alert values: observed = the messages in the window, max-messages + 1; limit = max-messages; reference = the ns
 * from the first of those messages to the one that crossed (less than the window). Severity WARNING. Account is the
 * account, the counterparty {@link AlertSink#NO_ACCOUNT}, the instrument that of the message that crossed.
 * <p>
 * Per-account state is pre-sized for {@code surveillance.expected-accounts} accounts at the default limit; beyond
 * that the tables grow, which allocates, once per doubling.
 */
public final class VelocityRule
{
    public static final int RULE_ID = 3;

    private static final long MISSING = -1;

    private final Long2LongHashMap indexByAccount;
    private long[] accountIds;
    private long[] times;
    private int timesUsed;
    private int[] ringStart;
    private int[] ringCapacity;
    private int[] ringNext;
    private int[] ringCount;
    private long[] windowNs;
    private boolean[] alerting;
    private int accounts;

    private long evaluated;
    private long fired;

    VelocityRule(final int expectedAccounts, final int defaultMaxMessages)
    {
        indexByAccount = new Long2LongHashMap(Math.max(8, expectedAccounts * 2), 0.65f, MISSING);
        times = new long[Math.max(16, expectedAccounts * defaultMaxMessages)];
        accountIds = new long[expectedAccounts];
        ringStart = new int[expectedAccounts];
        ringCapacity = new int[expectedAccounts];
        ringNext = new int[expectedAccounts];
        ringCount = new int[expectedAccounts];
        windowNs = new long[expectedAccounts];
        alerting = new boolean[expectedAccounts];
    }

    /**
     * Count one new order or cancel.
     *
     * @param settings the account's velocity settings: its group's, or the defaults; taken on the account's first
     *                 message and kept.
     * @return true when it raised an alert.
     */
    boolean onMessage(
        final VelocitySettings settings,
        final long account,
        final int instrumentId,
        final long time,
        final AlertSink sink)
    {
        evaluated++;
        long index = indexByAccount.get(account);
        if (MISSING == index)
        {
            index = add(account, settings.maxMessages(), settings.windowNs());
        }
        final int i = (int)index;
        final int capacity = ringCapacity[i];
        final int start = ringStart[i];
        final int next = ringNext[i];

        // when the ring is full, next is where the oldest of the last max-messages messages sits
        boolean exceeded = false;
        long span = 0;
        if (ringCount[i] == capacity)
        {
            span = time - times[start + next];
            exceeded = span < windowNs[i];
        }
        else
        {
            ringCount[i]++;
        }
        times[start + next] = time;
        ringNext[i] = next + 1 == capacity ? 0 : next + 1;

        if (!exceeded)
        {
            alerting[i] = false;
            return false;
        }
        if (alerting[i])
        {
            return false;
        }
        alerting[i] = true;
        fired++;
        sink.onAlert(RULE_ID, Severity.WARNING, account, AlertSink.NO_ACCOUNT, instrumentId, capacity + 1L, capacity,
            span);
        return true;
    }

    /** A new session: forget every account's messages, keeping the space. */
    void clear()
    {
        Arrays.fill(ringCount, 0, accounts, 0);
        Arrays.fill(ringNext, 0, accounts, 0);
        Arrays.fill(alerting, 0, accounts, false);
    }

    private int add(final long account, final int maxMessages, final long window)
    {
        final int i = accounts;
        if (i == ringStart.length)
        {
            final int length = i * 2;
            accountIds = Arrays.copyOf(accountIds, length);
            ringStart = Arrays.copyOf(ringStart, length);
            ringCapacity = Arrays.copyOf(ringCapacity, length);
            ringNext = Arrays.copyOf(ringNext, length);
            ringCount = Arrays.copyOf(ringCount, length);
            windowNs = Arrays.copyOf(windowNs, length);
            alerting = Arrays.copyOf(alerting, length);
        }
        if (timesUsed + maxMessages > times.length)
        {
            times = Arrays.copyOf(times, Math.max(times.length * 2, timesUsed + maxMessages));
        }
        accountIds[i] = account;
        ringStart[i] = timesUsed;
        ringCapacity[i] = maxMessages;
        windowNs[i] = window;
        timesUsed += maxMessages;
        accounts++;
        indexByAccount.put(account, i);
        return i;
    }

    /**
     * Settings changed at runtime: each account's window becomes its group's current one. Its max-messages stays:
     * it is the size of the account's ring, taken on its first message.
     */
    void windowsChanged(final Long2LongHashMap groupByAccount, final VelocitySettings[] groupVelocity)
    {
        for (int i = 0; i < accounts; i++)
        {
            windowNs[i] = groupVelocity[(int)groupByAccount.get(accountIds[i])].windowNs();
        }
    }

    /** Accounts seen. */
    public int accounts()
    {
        return accounts;
    }

    /** New orders and cancels counted. */
    public long evaluated()
    {
        return evaluated;
    }

    public long fired()
    {
        return fired;
    }

    /** Every account's ring, in index order (the order accounts first sent), its times as the ring holds them. */
    void encode(final SurveillanceStateEncoder.VelocityAccountsEncoder group)
    {
        for (int i = 0; i < accounts; i++)
        {
            group.next()
                .account(accountIds[i])
                .capacity(ringCapacity[i])
                .windowNs(windowNs[i])
                .ringNext(ringNext[i])
                .filled(ringCount[i])
                .alerting(StateMessages.bool(alerting[i]));
            final SurveillanceStateEncoder.VelocityAccountsEncoder.TimesEncoder times =
                group.timesCount(ringCapacity[i]);
            final int start = ringStart[i];
            for (int k = 0; k < ringCapacity[i]; k++)
            {
                times.next().time(this.times[start + k]);
            }
        }
    }

    /** Replace every account's ring by the snapshot's; call on a rule that has not been used, or is to be reset. */
    void restore(final SurveillanceStateDecoder.VelocityAccountsDecoder group, final long evaluated, final long fired)
    {
        indexByAccount.clear();
        accounts = 0;
        timesUsed = 0;
        this.evaluated = evaluated;
        this.fired = fired;
        while (group.hasNext())
        {
            group.next();
            final int i = add(group.account(), group.capacity(), group.windowNs());
            ringNext[i] = group.ringNext();
            ringCount[i] = group.filled();
            alerting[i] = StateMessages.bool(group.alerting());
            final SurveillanceStateDecoder.VelocityAccountsDecoder.TimesDecoder times = group.times();
            final int start = ringStart[i];
            for (int k = 0; times.hasNext(); k++)
            {
                this.times[start + k] = times.next().time();
            }
        }
    }
}

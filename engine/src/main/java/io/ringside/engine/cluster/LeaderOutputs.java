package io.ringside.engine.cluster;

import io.ringside.engine.pipeline.EgressStage;
import io.ringside.engine.pipeline.RingSlot;
import io.ringside.transport.BackPressuredPublisher;
import org.agrona.DirectBuffer;

/**
 * Every member computes every output, numbered the same; only the leader publishes. On becoming leader a member
 * first publishes again the outputs it keeps ({@link RecentOutputs}): those of the messages the old leader had
 * committed but not yet handled or published when it went. Sequences continue across leaders, so a consumer keeps
 * the first copy of each and drops the rest. Service thread only.
 */
final class LeaderOutputs implements EgressStage.OutputTap
{
    private final BackPressuredPublisher alerts;
    private final BackPressuredPublisher orders;
    private final RecentOutputs recentAlerts;
    private final RecentOutputs recentOrders;
    private boolean leader;
    private long republished;

    LeaderOutputs(final BackPressuredPublisher alerts, final BackPressuredPublisher orders, final int kept)
    {
        this.alerts = alerts;
        this.orders = orders;
        this.recentAlerts = new RecentOutputs(kept, RingSlot.ALERT_FRAME_LENGTH);
        this.recentOrders = new RecentOutputs(kept, RingSlot.ORDER_FRAME_LENGTH);
    }

    public void onAlert(final long outputSequence, final DirectBuffer buffer, final int offset, final int length)
    {
        recentAlerts.add(buffer, offset, length);
        if (leader)
        {
            alerts.offer(buffer, offset, length);
        }
    }

    public void onOrder(final long outputSequence, final DirectBuffer buffer, final int offset, final int length)
    {
        recentOrders.add(buffer, offset, length);
        if (leader)
        {
            orders.offer(buffer, offset, length);
        }
    }

    /** Between two messages, on a role change. */
    void leader(final boolean leader)
    {
        if (leader && !this.leader)
        {
            republished += recentAlerts.publishAll(alerts);
            republished += recentOrders.publishAll(orders);
        }
        this.leader = leader;
    }

    boolean isLeader()
    {
        return leader;
    }

    /** Outputs published again on becoming leader, for the counts. */
    long republished()
    {
        return republished;
    }
}

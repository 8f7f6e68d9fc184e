package io.ringside.latency.exchange;

import io.ringside.codecs.itch.ItchMessages;

/**
 * What a first, checking pass over the source found: its first and last timestamps and its order-flow messages per
 * loop. Every message is checked ({@link ItchSource}) and routed without being copied ({@link FlowRouter#survey}), so
 * a bad source fails here, before the output file exists.
 *
 * @param firstTimestamp ns after midnight of the source's first message.
 * @param lastTimestamp  ns after midnight of its last message.
 * @param flowPerLoop    its order-flow messages (A F E C X D U P Q).
 */
record ItchSourceScan(long firstTimestamp, long lastTimestamp, long flowPerLoop)
{
    static ItchSourceScan scan(final ItchSource source, final FlowRouter router)
    {
        long first = -1;
        long last = 0;
        long flow = 0;
        source.open();
        try
        {
            int m;
            while ((m = source.next()) >= 0)
            {
                final long timestamp = ItchMessages.timestamp(source.buffer(), m);
                if (first < 0)
                {
                    first = timestamp;
                }
                last = timestamp;
                if (router.survey(m))
                {
                    flow++;
                }
            }
        }
        finally
        {
            source.close();
        }
        if (first < 0)
        {
            throw new IllegalArgumentException(source.path() + ": no messages");
        }
        return new ItchSourceScan(first, last, flow);
    }
}

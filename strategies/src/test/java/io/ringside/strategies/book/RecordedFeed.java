package io.ringside.strategies.book;

import io.ringside.strategies.SharedData;
import io.ringside.codecs.lobster.LobsterReader;
import io.ringside.codecs.recorded.RecordedEventReader;
import io.ringside.codecs.sbe.AddOrderDecoder;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import io.ringside.codecs.sbe.Side;
import io.ringside.strategies.TestFrames;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Inbound frames from the recorded LOBSTER files, one buffer for all, and what a feed made of them can be given: a
 * second recording merged by event time, Timers in the silences, a client order flow on the recorded prices.
 */
final class RecordedFeed
{
    static final int EVENT_TIME_OFFSET = MessageHeaderDecoder.ENCODED_LENGTH + Long.BYTES;

    record Frames(UnsafeBuffer buffer, int[] offsets, int[] lengths, int count)
    {
        long eventTime(final int index)
        {
            return buffer.getLong(offsets[index] + EVENT_TIME_OFFSET);
        }
    }

    private RecordedFeed()
    {
    }

    static Frames lobster(final String file, final int instrumentId)
    {
        final ExpandableArrayBuffer all = new ExpandableArrayBuffer(16 * 1024 * 1024);
        final UnsafeBuffer scratch = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);
        final FrameList frames = new FrameList(all);
        try (LobsterReader reader = new LobsterReader(
            SharedData.lobsterDir().resolve(file), instrumentId, null, null, (kind, where, problem) -> false))
        {
            int length;
            while ((length = reader.next(scratch, 0)) > 0)
            {
                frames.add(scratch, 0, length);
            }
            assertEquals(0, reader.errors(), file);
        }
        return frames.frames();
    }

    /** Two recordings as one feed, by event time; on a tie the first's event goes first. */
    static Frames merge(final Frames first, final Frames second)
    {
        final FrameList frames = new FrameList(
            new ExpandableArrayBuffer(first.buffer().capacity() + second.buffer().capacity()));
        int i = 0;
        int j = 0;
        while (i < first.count() || j < second.count())
        {
            final boolean takeFirst = j == second.count() ||
                (i < first.count() && first.eventTime(i) <= second.eventTime(j));
            final Frames from = takeFirst ? first : second;
            final int k = takeFirst ? i++ : j++;
            frames.add(from.buffer(), from.offsets()[k], from.lengths()[k]);
        }
        return frames.frames();
    }

    /** A Timer every {@code periodNs} of each gap between events, at most {@code maxPerGap} a gap. */
    static Frames withTimers(final Frames events, final long periodNs, final int maxPerGap)
    {
        final TestFrames timers = new TestFrames();
        final FrameList frames = new FrameList(new ExpandableArrayBuffer(events.buffer().capacity() * 2));
        for (int i = 0; i < events.count(); i++)
        {
            frames.add(events.buffer(), events.offsets()[i], events.lengths()[i]);
            if (i + 1 < events.count())
            {
                final long next = events.eventTime(i + 1);
                int n = 0;
                for (long t = events.eventTime(i) + periodNs; t < next && n < maxPerGap; t += periodNs, n++)
                {
                    frames.add(timers.buffer(), 0, timers.timer(t));
                }
            }
        }
        return frames.frames();
    }

    /**
     * A client order flow, the same for the same seed, after some of the market's adds, at their time and around their
     * price: hundreds of accounts placing orders (some large, so spoofing tracks them; some ids reused) and cancelling
     * them; bursts of 60 orders from one account (velocity's default is 50 a second); large orders on three levels
     * withdrawn at once by an account that then trades the other way (spoofing); executions between two accounts and
     * now and then within one (wash trades).
     */
    static Frames withClientFlow(final Frames market, final long seed)
    {
        final Random random = new Random(seed);
        final TestFrames client = new TestFrames();
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final AddOrderDecoder add = new AddOrderDecoder();
        final List<long[]> open = new ArrayList<>(); // account, client order id
        final FrameList frames = new FrameList(new ExpandableArrayBuffer(market.buffer().capacity() * 2));
        long nextId = 0;
        int adds = 0;
        for (int i = 0; i < market.count(); i++)
        {
            frames.add(market.buffer(), market.offsets()[i], market.lengths()[i]);
            header.wrap(market.buffer(), market.offsets()[i]);
            if (AddOrderDecoder.TEMPLATE_ID != header.templateId() || ++adds % 5 != 0)
            {
                continue;
            }
            add.wrapAndApplyHeader(market.buffer(), market.offsets()[i], header);
            final int instrumentId = add.instrumentId();
            final long time = add.envelope().eventTime();
            final long price = add.price() + (random.nextInt(21) - 10) * LobsterReader.TICK_SIZE;
            final double action = random.nextDouble();
            if (action < 0.01)
            {
                final long account = 1 + random.nextInt(300);
                for (int k = 0; k < 60; k++)
                {
                    frames.add(client.buffer(), 0, client.clientNewOrder(time, instrumentId, account, ++nextId,
                        Side.BUY, price, 100));
                    open.add(new long[]{ account, nextId, instrumentId });
                }
            }
            else if (action < 0.02)
            {
                final long account = 1 + random.nextInt(300);
                final long first = nextId + 1;
                for (int level = 0; level < 3; level++)
                {
                    frames.add(client.buffer(), 0, client.clientNewOrder(time, instrumentId, account, ++nextId,
                        Side.BUY, price - level * LobsterReader.TICK_SIZE, 20_000));
                }
                for (long id = first; id <= nextId; id++)
                {
                    frames.add(client.buffer(), 0, client.clientCancel(time, instrumentId, account, id));
                }
                frames.add(client.buffer(), 0, client.clientExecution(time, instrumentId, 1 + random.nextInt(300),
                    account, price, 100));
            }
            else if (action < 0.55)
            {
                final long account = 1 + random.nextInt(300);
                final long id = random.nextInt(20) == 0 && !open.isEmpty() ?
                    open.get(random.nextInt(open.size()))[1] : ++nextId;
                final long quantity = random.nextInt(10) < 3 ?
                    5_000 + random.nextInt(20_000) : 100L * (1 + random.nextInt(5));
                frames.add(client.buffer(), 0, client.clientNewOrder(time, instrumentId, account, id,
                    random.nextBoolean() ? Side.BUY : Side.SELL, price, quantity));
                open.add(new long[]{ account, id, instrumentId });
            }
            else if (action < 0.85 && !open.isEmpty())
            {
                final int k = random.nextInt(open.size());
                final long[] order = open.get(k);
                open.set(k, open.get(open.size() - 1));
                open.remove(open.size() - 1);
                frames.add(client.buffer(), 0, client.clientCancel(time, (int)order[2], order[0], order[1]));
            }
            else
            {
                final long buyer = 1 + random.nextInt(300);
                final long seller = random.nextInt(5) == 0 ? buyer : 1 + random.nextInt(300);
                frames.add(client.buffer(), 0, client.clientExecution(time, instrumentId, buyer, seller, price,
                    100L * (1 + random.nextInt(10))));
            }
        }
        return frames.frames();
    }


    private static final class FrameList
    {
        private final ExpandableArrayBuffer all;
        private int[] offsets = new int[1024];
        private int[] lengths = new int[1024];
        private int count;
        private int position;

        FrameList(final ExpandableArrayBuffer all)
        {
            this.all = all;
        }

        void add(final org.agrona.DirectBuffer buffer, final int offset, final int length)
        {
            if (count == offsets.length)
            {
                offsets = Arrays.copyOf(offsets, count * 2);
                lengths = Arrays.copyOf(lengths, count * 2);
            }
            all.putBytes(position, buffer, offset, length);
            offsets[count] = position;
            lengths[count] = length;
            count++;
            position += length;
        }

        Frames frames()
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[position]);
            buffer.putBytes(0, all, 0, position);
            return new Frames(buffer, offsets, lengths, count);
        }
    }
}

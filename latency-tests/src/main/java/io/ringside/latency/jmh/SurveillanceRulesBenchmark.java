package io.ringside.latency.jmh;

import io.ringside.codecs.InboundDispatcher;
import io.ringside.codecs.lobster.LobsterReader;
import io.ringside.codecs.recorded.RecordedEventReader;
import io.ringside.codecs.sbe.ClientCancelEncoder;
import io.ringside.codecs.sbe.ClientExecutionEncoder;
import io.ringside.codecs.sbe.ClientNewOrderEncoder;
import io.ringside.codecs.sbe.EnvelopeEncoder;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import io.ringside.codecs.sbe.MessageHeaderEncoder;
import io.ringside.codecs.sbe.Severity;
import io.ringside.codecs.sbe.Side;
import io.ringside.strategies.AlertSink;
import io.ringside.strategies.book.BookBuilder;
import io.ringside.strategies.book.OrderBook;
import io.ringside.strategies.surveillance.PriceBandRule;
import io.ringside.strategies.surveillance.QuoteStuffingRule;
import io.ringside.strategies.surveillance.SizeRule;
import io.ringside.strategies.surveillance.SpoofingRule;
import io.ringside.strategies.surveillance.Surveillance;
import io.ringside.strategies.surveillance.SurveillanceConfig;
import io.ringside.strategies.surveillance.VelocityRule;
import io.ringside.strategies.surveillance.WashTradeRule;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Per-event cost of each surveillance rule, on the AAPL hour (LOBSTER, 92k market events) with client activity woven
 * in: after every second market event one client event, in a fixed cycle of new orders (a quarter of them at least
 * twice the size of a typical level, for the spoofing rule to track), cancels of an order 32 client events back, and
 * executions between accounts, 1 in 50 of them a self-trade and 1 in 40 between accounts of one group; 500 accounts.
 * About 138k events in all, replayed in a loop; at the end the books and rule windows are cleared, a new session.
 * <p>
 * Each rule's benchmark runs {@link Surveillance} with only that rule enabled, so it includes the SBE dispatch and the
 * book updates every rule shares; {@code booksOnly} is that floor with every rule disabled, and a rule's own cost is
 * its score minus it. {@code allRules} is the surveillance handler as the engine runs it, every rule at its defaults.
 * One op = one event. Run with {@code -prof gc}: gc.alloc.rate.norm should be 0 B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {
    "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED",
    "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens", "java.base/java.nio=ALL-UNNAMED" })
public class SurveillanceRulesBenchmark
{
    static final String DATA = "latency-tests/data/AAPL_2012-06-21_34200000_37800000_message_50.csv";
    static final int ACCOUNTS = 500;
    static final int INSTRUMENT_ID = 1;
    static final int ORDER_CAPACITY = 1 << 17;

    private UnsafeBuffer frames;
    private int[] offsets;
    private int[] lengths;
    private int count;

    private final Replay booksOnly = new Replay();
    private final Replay priceBand = new Replay();
    private final Replay size = new Replay();
    private final Replay velocity = new Replay();
    private final Replay spoofing = new Replay();
    private final Replay washTrade = new Replay();
    private final Replay quoteStuffing = new Replay();
    private final Replay allRules = new Replay();
    private final CountingSink sink = new CountingSink();

    /** One Surveillance and where it is in the stream. */
    static final class Replay
    {
        Surveillance surveillance;
        int next;
    }

    @Setup(Level.Trial)
    public void buildStream()
    {
        final Path file = find();
        final int capacity = 256 * 1024;
        frames = new UnsafeBuffer(new byte[capacity * 96]);
        offsets = new int[capacity];
        lengths = new int[capacity];
        final ClientActivity activity = new ClientActivity();
        final UnsafeBuffer scratch = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);
        final BookBuilder books = new BookBuilder(ORDER_CAPACITY);
        final InboundDispatcher dispatcher = new InboundDispatcher();
        int position = 0;
        long marketEvents = 0;
        try (LobsterReader reader = new LobsterReader(file, INSTRUMENT_ID, null, null, (kind, where, problem) ->
        {
            throw new IllegalStateException(kind + " at " + where + ": " + problem);
        }))
        {
            int length;
            while ((length = reader.next(scratch, 0)) > 0)
            {
                dispatcher.dispatch(scratch, 0, length, books);
                final long time = scratch.getLong(MessageHeaderDecoder.ENCODED_LENGTH + 8); // the envelope's eventTime
                position = append(scratch, length, position);
                final OrderBook book = books.book(INSTRUMENT_ID);
                if (++marketEvents % 2 == 0 && null != book && book.isTwoSided())
                {
                    activity.bid = book.bestBidPrice();
                    activity.ask = book.bestAskPrice();
                    position = append(scratch, activity.next(scratch, time + 1), position);
                }
            }
        }

        booksOnly.surveillance = new Surveillance(only(0), ORDER_CAPACITY);
        priceBand.surveillance = new Surveillance(only(PriceBandRule.RULE_ID), ORDER_CAPACITY);
        size.surveillance = new Surveillance(only(SizeRule.RULE_ID), ORDER_CAPACITY);
        velocity.surveillance = new Surveillance(only(VelocityRule.RULE_ID), ORDER_CAPACITY);
        spoofing.surveillance = new Surveillance(only(SpoofingRule.RULE_ID), ORDER_CAPACITY);
        washTrade.surveillance = new Surveillance(only(WashTradeRule.RULE_ID), ORDER_CAPACITY);
        quoteStuffing.surveillance = new Surveillance(only(QuoteStuffingRule.RULE_ID), ORDER_CAPACITY);
        allRules.surveillance = new Surveillance(groups(new SurveillanceConfig()), ORDER_CAPACITY);

        // what the stream makes the rules do, once through with every rule on
        final Surveillance dryRun = new Surveillance(groups(new SurveillanceConfig()), ORDER_CAPACITY);
        final CountingSink alerts = new CountingSink();
        for (int i = 0; i < count; i++)
        {
            dryRun.onFrame(frames, offsets[i], lengths[i], alerts);
        }
        final StringBuilder perRule = new StringBuilder();
        for (int ruleId = 1; ruleId <= Surveillance.RULE_COUNT; ruleId++)
        {
            perRule.append(' ').append(Surveillance.ruleName(ruleId)).append(' ')
                .append(dryRun.evaluated(ruleId)).append('/').append(dryRun.alerts(ruleId));
        }
        System.out.println("stream: " + count + " events (" + marketEvents + " market); evaluated/alerts:" + perRule);
    }

    @Benchmark
    public int booksOnly()
    {
        return onNext(booksOnly);
    }

    @Benchmark
    public int priceBand()
    {
        return onNext(priceBand);
    }

    @Benchmark
    public int size()
    {
        return onNext(size);
    }

    @Benchmark
    public int velocity()
    {
        return onNext(velocity);
    }

    @Benchmark
    public int spoofing()
    {
        return onNext(spoofing);
    }

    @Benchmark
    public int washTrade()
    {
        return onNext(washTrade);
    }

    @Benchmark
    public int quoteStuffing()
    {
        return onNext(quoteStuffing);
    }

    @Benchmark
    public int allRules()
    {
        return onNext(allRules);
    }

    private int onNext(final Replay replay)
    {
        if (replay.next == count)
        {
            replay.surveillance.clear();
            replay.next = 0;
        }
        final int i = replay.next++;
        return replay.surveillance.onFrame(frames, offsets[i], lengths[i], sink);
    }

    private int append(final UnsafeBuffer source, final int length, final int position)
    {
        frames.putBytes(position, source, 0, length);
        offsets[count] = position;
        lengths[count] = length;
        count++;
        return position + length;
    }

    /** Every rule disabled but the one given (0: none). */
    static SurveillanceConfig only(final int ruleId)
    {
        final SurveillanceConfig config = new SurveillanceConfig();
        config.priceBand().enabled(PriceBandRule.RULE_ID == ruleId);
        config.size().enabled(SizeRule.RULE_ID == ruleId);
        config.velocity().enabled(VelocityRule.RULE_ID == ruleId);
        config.spoofing().enabled(SpoofingRule.RULE_ID == ruleId);
        config.washTrade().enabled(WashTradeRule.RULE_ID == ruleId);
        config.quoteStuffing().enabled(QuoteStuffingRule.RULE_ID == ruleId);
        return groups(config);
    }

    /** Groups of 10 accounts each: accounts 1-10, 11-20, ... up to 200. */
    static SurveillanceConfig groups(final SurveillanceConfig config)
    {
        config.expectedAccounts(ACCOUNTS).expectedOrders(16 * 1024);
        for (int group = 0; group < 20; group++)
        {
            final long[] accounts = new long[10];
            for (int i = 0; i < accounts.length; i++)
            {
                accounts[i] = 1 + group * 10L + i;
            }
            config.accountGroup("fund" + group).accounts(accounts);
        }
        return config.conclude();
    }

    /**
     * A fixed cycle of client events around the book's touch: 4 new orders (1 in 4 of them 1,000 shares, the others
     * 100; 1 in 500 of them 60,000, over the size rule's 50,000), 3 cancels of the oldest of the last 32 placed, 1
     * execution at the touch (1 in 50 a self-trade, 1 in 40 within an account group). Now and then a scripted abuse:
     * every 1,000 events account 999 layers three 5,000-share bids, sells 100 and cancels them all (spoofing); every
     * 2,500 account 998 sends 60 orders in a row (velocity).
     */
    static final class ClientActivity
    {
        static final long TICK = 100;
        static final long SPOOFER = 999;
        static final long FAST = 998;

        private final MessageHeaderEncoder header = new MessageHeaderEncoder();
        private final ClientNewOrderEncoder newOrder = new ClientNewOrderEncoder();
        private final ClientCancelEncoder cancel = new ClientCancelEncoder();
        private final ClientExecutionEncoder execution = new ClientExecutionEncoder();
        private final long[] placedAccounts = new long[32];
        private final long[] placedIds = new long[32];
        private final long[] spoofIds = new long[3];
        long bid;
        long ask;
        private long sequence;
        private long clientOrderId;
        private long executionId;
        private long newOrders;
        private int step;
        private int spoofStep = -1;
        private int burstStep = -1;

        int next(final UnsafeBuffer buffer, final long time)
        {
            step++;
            if (step % 1_000 == 0)
            {
                spoofStep = 0;
            }
            if (step % 2_500 == 0)
            {
                burstStep = 0;
            }
            if (spoofStep >= 0)
            {
                return spoof(buffer, time);
            }
            if (burstStep >= 0)
            {
                if (++burstStep == 60)
                {
                    burstStep = -1;
                }
                return newOrder(buffer, time, FAST, ++clientOrderId, Side.BUY, bid, 100);
            }

            final int kind = step % 8;
            final long account = 1 + (step * 7L) % ACCOUNTS;
            if (kind < 4)
            {
                final long id = ++clientOrderId;
                final int slot = (int)(id % placedIds.length);
                placedAccounts[slot] = account;
                placedIds[slot] = id;
                final boolean buy = (step & 1) == 0;
                final long quantity = ++newOrders % 500 == 0 ? 60_000 : kind == 0 ? 1_000 : 100;
                return newOrder(buffer, time, account, id, buy ? Side.BUY : Side.SELL,
                    buy ? bid - TICK * (step % 5) : ask + TICK * (step % 5), quantity);
            }
            if (kind < 7)
            {
                final int slot = (int)((clientOrderId + 1) % placedIds.length); // the oldest of the last 32 placed
                return cancel(buffer, time, placedAccounts[slot], placedIds[slot]);
            }
            final long n = executionId + 1;
            final long groupBase = 1 + ((account - 1) / 10) * 10; // accounts 1-200 are in groups of 10
            final long seller = n % 50 == 0 ? account :
                n % 40 == 0 && account <= 200 ? groupBase + (account - groupBase + 1) % 10 :
                1 + (account + 13) % ACCOUNTS;
            return execution(buffer, time, account, seller, (step & 1) == 0 ? bid : ask);
        }

        private int spoof(final UnsafeBuffer buffer, final long time)
        {
            final int s = spoofStep++;
            if (s < 3)
            {
                spoofIds[s] = ++clientOrderId;
                return newOrder(buffer, time, SPOOFER, spoofIds[s], Side.BUY, bid - TICK * (s + 1), 5_000);
            }
            if (s == 3)
            {
                return execution(buffer, time, 2, SPOOFER, bid);
            }
            if (s == 6)
            {
                spoofStep = -1;
            }
            return cancel(buffer, time, SPOOFER, spoofIds[s - 4]);
        }

        private int newOrder(
            final UnsafeBuffer buffer,
            final long time,
            final long account,
            final long id,
            final Side side,
            final long price,
            final long quantity)
        {
            newOrder.wrapAndApplyHeader(buffer, 0, header)
                .instrumentId(INSTRUMENT_ID)
                .account(account)
                .clientOrderId(id)
                .side(side)
                .price(price)
                .quantity(quantity);
            envelope(newOrder.envelope(), time);
            return MessageHeaderEncoder.ENCODED_LENGTH + newOrder.encodedLength();
        }

        private int cancel(final UnsafeBuffer buffer, final long time, final long account, final long id)
        {
            cancel.wrapAndApplyHeader(buffer, 0, header)
                .instrumentId(INSTRUMENT_ID)
                .account(account)
                .clientOrderId(id);
            envelope(cancel.envelope(), time);
            return MessageHeaderEncoder.ENCODED_LENGTH + cancel.encodedLength();
        }

        private int execution(
            final UnsafeBuffer buffer, final long time, final long buyer, final long seller, final long price)
        {
            execution.wrapAndApplyHeader(buffer, 0, header)
                .instrumentId(INSTRUMENT_ID)
                .executionId(++executionId)
                .buyerAccount(buyer)
                .sellerAccount(seller)
                .price(price)
                .quantity(100);
            envelope(execution.envelope(), time);
            return MessageHeaderEncoder.ENCODED_LENGTH + execution.encodedLength();
        }

        private void envelope(final EnvelopeEncoder envelope, final long time)
        {
            envelope.sequence(++sequence).eventTime(time).sendTime(time).intendedSendTime(time).sourceId(2);
        }
    }

    static final class CountingSink implements AlertSink
    {
        long alerts;
        long checksum;

        public void onAlert(
            final int ruleId,
            final Severity severity,
            final long account,
            final long counterpartyAccount,
            final int instrumentId,
            final long observedValue,
            final long limitValue,
            final long referenceValue)
        {
            alerts++;
            checksum += observedValue + referenceValue;
        }
    }

    private static Path find()
    {
        Path file = Path.of(System.getProperty("ringside.home", ".")).resolve(DATA);
        if (!Files.exists(file))
        {
            file = Path.of("..").resolve(DATA);
        }
        return file;
    }
}

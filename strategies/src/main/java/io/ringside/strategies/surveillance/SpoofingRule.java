package io.ringside.strategies.surveillance;

import io.ringside.codecs.sbe.Severity;
import io.ringside.codecs.sbe.Side;
import io.ringside.codecs.snapshot.MessageHeaderEncoder;
import io.ringside.codecs.snapshot.SpoofingStateDecoder;
import io.ringside.codecs.snapshot.SpoofingStateEncoder;
import io.ringside.strategies.AlertSink;
import io.ringside.strategies.StateMessages;
import io.ringside.strategies.book.OrderBook;
import org.agrona.MutableDirectBuffer;

import java.util.Arrays;

/**
 * Rule 4, spoofing and layering. An episode is one account's large orders on one side of one instrument: it opens at
 * a large order and lasts {@code window-ns} of event time from it. An order is large when its quantity is at least
 * {@code min-size-multiple} times the quantity the market book displays at its side and price when it is placed
 * (before it, as every rule judges), or when nothing is displayed there. Within the episode the rule adds up:
 * <ul>
 *     <li>placed: the quantity of its large orders;</li>
 *     <li>cancelled: the quantity of those of them cancelled (a client cancel withdraws the whole order);</li>
 *     <li>filled: the account's client executions on the same side (an execution carries no order id, so fills are
 *     the account's, not the orders');</li>
 *     <li>traded opposite: the account's client executions on the other side;</li>
 *     <li>levels: the distinct prices of its large orders (counted up to {@link #MAX_LEVELS}).</li>
 * </ul>
 * It fires when cancelled × 100 &gt;= {@code min-cancel-percent} × placed, filled × 100 &lt;=
 * {@code max-fill-percent} × placed, and traded opposite &gt; 0 all hold, at the event that makes them hold: the cancel
 * or the opposite-side execution, whichever comes last. Once per episode. An episode whose window has passed is over;
 * the account's next large order on that side opens a new one.
 * <p>
 * Alert values: observed = cancelled as a whole percent of placed (rounded down), limit = min-cancel-percent,
 * reference = the distinct price levels of the episode's large orders. Severity CRITICAL for layering (levels &gt;=
 * {@code layering-levels}), WARNING for spoofing at fewer levels. Account is the spoofing account, the counterparty the
 * other side of its latest opposite-side execution.
 * <p>
 * Orders are tracked by (account, clientOrderId) in a {@link LongPairIndex} over a ring of primitive arrays in
 * placement order, and only the large ones: a slot is freed by the order's cancel or, lazily, once its episode is
 * over. Pre-sized for {@code surveillance.expected-orders} live large orders and as many episodes; past that the
 * arrays grow, which allocates, once per doubling.
 */
public final class SpoofingRule
{
    public static final int RULE_ID = 4;

    /** Distinct price levels counted per episode; layering-levels may not be more. */
    public static final int MAX_LEVELS = 16;

    private static final int NONE = -1;

    private final LongPairIndex slotByOrder;
    private long[] orderAccount;
    private long[] orderClientId;
    private int[] orderEpisode;
    private long[] orderSerial;
    private long[] orderQuantity;
    private boolean[] orderLive;
    private int oldest;
    private int orderCount;

    private final LongPairIndex episodeByKey;
    private long[] episodeAccount;
    private long[] episodeKeys;
    private long[] episodeSerial;
    private long[] episodeStart;
    private long[] episodeWindow;
    private long[] placed;
    private long[] cancelled;
    private long[] filled;
    private long[] tradedOpposite;
    private long[] counterparty;
    private int[] levels;
    private long[] levelPrices;
    private boolean[] episodeFired;
    private int episodes;
    private long nextSerial;

    private long evaluated;
    private long fired;

    SpoofingRule(final int expectedOrders)
    {
        slotByOrder = new LongPairIndex(expectedOrders);
        orderAccount = new long[expectedOrders];
        orderClientId = new long[expectedOrders];
        orderEpisode = new int[expectedOrders];
        orderSerial = new long[expectedOrders];
        orderQuantity = new long[expectedOrders];
        orderLive = new boolean[expectedOrders];

        episodeByKey = new LongPairIndex(expectedOrders);
        episodeAccount = new long[expectedOrders];
        episodeKeys = new long[expectedOrders];
        episodeSerial = new long[expectedOrders];
        episodeStart = new long[expectedOrders];
        episodeWindow = new long[expectedOrders];
        placed = new long[expectedOrders];
        cancelled = new long[expectedOrders];
        filled = new long[expectedOrders];
        tradedOpposite = new long[expectedOrders];
        counterparty = new long[expectedOrders];
        levels = new int[expectedOrders];
        levelPrices = new long[expectedOrders * MAX_LEVELS];
        episodeFired = new boolean[expectedOrders];
    }

    /**
     * A client order: tracked when it is large. Never fires.
     */
    boolean onNewOrder(
        final SpoofingSettings settings,
        final OrderBook book,
        final int instrumentId,
        final long account,
        final long clientOrderId,
        final Side side,
        final long price,
        final long quantity,
        final long time)
    {
        evaluated++;
        if (quantity <= 0 || (Side.BUY != side && Side.SELL != side))
        {
            return false;
        }
        final long displayed = null == book ? 0 : book.quantityAt(side, price);
        // quantity / multiple >= displayed is quantity >= multiple × displayed, without overflow
        if (displayed > 0 && quantity / settings.minSizeMultiple() < displayed)
        {
            return false;
        }

        int episode = episodeByKey.get(account, episodeKey(instrumentId, side));
        if (LongPairIndex.MISSING == episode)
        {
            episode = addEpisode(account, episodeKey(instrumentId, side));
        }
        if (!isOpen(episode, time))
        {
            episodeSerial[episode] = ++nextSerial;
            episodeStart[episode] = time;
            episodeWindow[episode] = settings.windowNs();
            placed[episode] = 0;
            cancelled[episode] = 0;
            filled[episode] = 0;
            tradedOpposite[episode] = 0;
            counterparty[episode] = AlertSink.NO_ACCOUNT;
            levels[episode] = 0;
            episodeFired[episode] = false;
        }
        placed[episode] += quantity;
        addLevel(episode, price);
        track(account, clientOrderId, episode, quantity, time);
        return false;
    }

    /**
     * A client cancel: counts when it withdraws a large order of an open episode.
     *
     * @return true when it raised an alert.
     */
    boolean onCancel(
        final SpoofingSettings settings,
        final int instrumentId,
        final long account,
        final long clientOrderId,
        final long time,
        final AlertSink sink)
    {
        evaluated++;
        final int slot = slotByOrder.remove(account, clientOrderId);
        if (LongPairIndex.MISSING == slot)
        {
            return false;
        }
        orderLive[slot] = false;
        final int episode = orderEpisode[slot];
        if (episodeSerial[episode] != orderSerial[slot] || !isOpen(episode, time))
        {
            return false;
        }
        cancelled[episode] += orderQuantity[slot];
        return judge(settings, episode, instrumentId, sink);
    }

    /**
     * A client execution: a fill for the buyer's and seller's episodes on their own side, and a trade on the other
     * side for their episodes on the opposite one.
     *
     * @return true when it raised an alert.
     */
    boolean onExecution(
        final SpoofingSettings settings,
        final int instrumentId,
        final long buyer,
        final long seller,
        final long quantity,
        final long time,
        final AlertSink sink)
    {
        evaluated++;
        fill(buyer, instrumentId, Side.BUY, quantity, time);
        fill(seller, instrumentId, Side.SELL, quantity, time);
        // the buyer bought while it may have been spoofing the offer side; the seller sold against a spoofed bid
        final boolean buyerFired = tradeOpposite(settings, buyer, seller, instrumentId, Side.SELL, quantity, time, sink);
        final boolean sellerFired = tradeOpposite(settings, seller, buyer, instrumentId, Side.BUY, quantity, time, sink);
        return buyerFired || sellerFired;
    }

    /** A new session: forget every order and episode, keeping the space. */
    void clear()
    {
        slotByOrder.clear();
        Arrays.fill(orderLive, false);
        oldest = 0;
        orderCount = 0;
        Arrays.fill(placed, 0, episodes, 0);
    }

    /** Large orders tracked now. */
    public int trackedOrders()
    {
        return slotByOrder.size();
    }

    /** Client new orders, cancels and executions judged. */
    public long evaluated()
    {
        return evaluated;
    }

    public long fired()
    {
        return fired;
    }

    private void fill(final long account, final int instrumentId, final Side side, final long quantity, final long time)
    {
        final int episode = episodeByKey.get(account, episodeKey(instrumentId, side));
        if (LongPairIndex.MISSING != episode && isOpen(episode, time))
        {
            filled[episode] += quantity;
        }
    }

    private boolean tradeOpposite(
        final SpoofingSettings settings,
        final long account,
        final long other,
        final int instrumentId,
        final Side spoofedSide,
        final long quantity,
        final long time,
        final AlertSink sink)
    {
        final int episode = episodeByKey.get(account, episodeKey(instrumentId, spoofedSide));
        if (LongPairIndex.MISSING == episode || !isOpen(episode, time))
        {
            return false;
        }
        tradedOpposite[episode] += quantity;
        counterparty[episode] = other;
        return judge(settings, episode, instrumentId, sink);
    }

    private boolean judge(
        final SpoofingSettings settings, final int episode, final int instrumentId, final AlertSink sink)
    {
        final long placedQuantity = placed[episode];
        if (episodeFired[episode] ||
            0 == tradedOpposite[episode] ||
            cancelled[episode] * 100 < settings.minCancelPercent() * placedQuantity ||
            filled[episode] * 100 > settings.maxFillPercent() * placedQuantity)
        {
            return false;
        }
        episodeFired[episode] = true;
        fired++;
        final int levelCount = levels[episode];
        sink.onAlert(
            RULE_ID,
            levelCount >= settings.layeringLevels() ? Severity.CRITICAL : Severity.WARNING,
            episodeAccount[episode],
            counterparty[episode],
            instrumentId,
            cancelled[episode] * 100 / placedQuantity,
            settings.minCancelPercent(),
            levelCount);
        return true;
    }

    private boolean isOpen(final int episode, final long time)
    {
        return placed[episode] > 0 && time - episodeStart[episode] < episodeWindow[episode];
    }

    private void addLevel(final int episode, final long price)
    {
        final int count = levels[episode];
        final int base = episode * MAX_LEVELS;
        for (int i = 0; i < count; i++)
        {
            if (levelPrices[base + i] == price)
            {
                return;
            }
        }
        if (count < MAX_LEVELS)
        {
            levelPrices[base + count] = price;
            levels[episode] = count + 1;
        }
    }

    private void track(
        final long account, final long clientOrderId, final int episode, final long quantity, final long time)
    {
        final int previous = slotByOrder.remove(account, clientOrderId);
        if (LongPairIndex.MISSING != previous)
        {
            orderLive[previous] = false; // the id was reused: the newer order is the one a cancel means
        }
        evictOver(time);
        if (orderCount == orderAccount.length)
        {
            growOrders();
        }
        int slot = oldest + orderCount;
        if (slot >= orderAccount.length)
        {
            slot -= orderAccount.length;
        }
        orderAccount[slot] = account;
        orderClientId[slot] = clientOrderId;
        orderEpisode[slot] = episode;
        orderSerial[slot] = episodeSerial[episode];
        orderQuantity[slot] = quantity;
        orderLive[slot] = true;
        orderCount++;
        slotByOrder.put(account, clientOrderId, slot);
    }

    // Frees the oldest slots whose order is gone or whose episode is over; they were placed first, so stop at the
    // first still in play.
    private void evictOver(final long time)
    {
        while (orderCount > 0)
        {
            final int slot = oldest;
            if (orderLive[slot])
            {
                final int episode = orderEpisode[slot];
                if (episodeSerial[episode] == orderSerial[slot] && isOpen(episode, time))
                {
                    return;
                }
                slotByOrder.remove(orderAccount[slot], orderClientId[slot]);
                orderLive[slot] = false;
            }
            oldest = oldest + 1 == orderAccount.length ? 0 : oldest + 1;
            orderCount--;
        }
    }

    private void growOrders()
    {
        final int length = orderAccount.length;
        final int newLength = length * 2;
        orderAccount = unwrap(orderAccount, newLength);
        orderClientId = unwrap(orderClientId, newLength);
        orderSerial = unwrap(orderSerial, newLength);
        orderQuantity = unwrap(orderQuantity, newLength);
        final int[] episodesOf = new int[newLength];
        final boolean[] live = new boolean[newLength];
        for (int i = 0; i < orderCount; i++)
        {
            final int from = (oldest + i) % length;
            episodesOf[i] = orderEpisode[from];
            live[i] = orderLive[from];
        }
        orderEpisode = episodesOf;
        orderLive = live;
        oldest = 0;
        for (int i = 0; i < orderCount; i++)
        {
            if (orderLive[i])
            {
                slotByOrder.put(orderAccount[i], orderClientId[i], i);
            }
        }
    }

    private long[] unwrap(final long[] array, final int newLength)
    {
        final long[] copy = new long[newLength];
        for (int i = 0; i < orderCount; i++)
        {
            copy[i] = array[(oldest + i) % array.length];
        }
        return copy;
    }

    private int addEpisode(final long account, final long key)
    {
        final int episode = episodes;
        if (episode == placed.length)
        {
            final int length = episode * 2;
            episodeAccount = Arrays.copyOf(episodeAccount, length);
            episodeKeys = Arrays.copyOf(episodeKeys, length);
            episodeSerial = Arrays.copyOf(episodeSerial, length);
            episodeStart = Arrays.copyOf(episodeStart, length);
            episodeWindow = Arrays.copyOf(episodeWindow, length);
            placed = Arrays.copyOf(placed, length);
            cancelled = Arrays.copyOf(cancelled, length);
            filled = Arrays.copyOf(filled, length);
            tradedOpposite = Arrays.copyOf(tradedOpposite, length);
            counterparty = Arrays.copyOf(counterparty, length);
            levels = Arrays.copyOf(levels, length);
            levelPrices = Arrays.copyOf(levelPrices, length * MAX_LEVELS);
            episodeFired = Arrays.copyOf(episodeFired, length);
        }
        episodeAccount[episode] = account;
        episodeKeys[episode] = key;
        episodes++;
        episodeByKey.put(account, key, episode);
        return episode;
    }

    private static long episodeKey(final int instrumentId, final Side side)
    {
        return ((long)instrumentId << 1) | (Side.BUY == side ? 0 : 1);
    }

    /**
     * Append the rule's state as a SpoofingState message: tracked orders oldest first, episodes in index order.
     *
     * @return the message's length, header included.
     */
    int encode(
        final MutableDirectBuffer buffer,
        final int offset,
        final MessageHeaderEncoder header,
        final SpoofingStateEncoder encoder)
    {
        encoder.wrapAndApplyHeader(buffer, offset, header)
            .evaluated(evaluated)
            .fired(fired)
            .nextSerial(nextSerial);
        final SpoofingStateEncoder.OrdersEncoder orders = encoder.ordersCount(orderCount);
        for (int i = 0; i < orderCount; i++)
        {
            int slot = oldest + i;
            if (slot >= orderAccount.length)
            {
                slot -= orderAccount.length;
            }
            orders.next()
                .account(orderAccount[slot])
                .clientOrderId(orderClientId[slot])
                .episode(orderEpisode[slot])
                .serial(orderSerial[slot])
                .quantity(orderQuantity[slot])
                .live(StateMessages.bool(orderLive[slot]));
        }
        final SpoofingStateEncoder.EpisodesEncoder group = encoder.episodesCount(episodes);
        for (int e = 0; e < episodes; e++)
        {
            group.next()
                .account(episodeAccount[e])
                .key(episodeKeys[e])
                .serial(episodeSerial[e])
                .start(episodeStart[e])
                .window(episodeWindow[e])
                .placed(placed[e])
                .cancelled(cancelled[e])
                .filled(filled[e])
                .tradedOpposite(tradedOpposite[e])
                .counterparty(counterparty[e])
                .fired(StateMessages.bool(episodeFired[e]));
            final SpoofingStateEncoder.EpisodesEncoder.LevelsEncoder levelGroup = group.levelsCount(levels[e]);
            for (int l = 0; l < levels[e]; l++)
            {
                levelGroup.next().price(levelPrices[e * MAX_LEVELS + l]);
            }
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    /** Replace the rule's state by the snapshot's. */
    void restore(final SpoofingStateDecoder decoder)
    {
        slotByOrder.clear();
        episodeByKey.clear();
        Arrays.fill(orderLive, false);
        oldest = 0;
        orderCount = 0;
        episodes = 0;
        evaluated = decoder.evaluated();
        fired = decoder.fired();
        nextSerial = decoder.nextSerial();
        for (final SpoofingStateDecoder.OrdersDecoder order : decoder.orders())
        {
            if (orderCount == orderAccount.length)
            {
                growOrders();
            }
            final int slot = orderCount++;
            orderAccount[slot] = order.account();
            orderClientId[slot] = order.clientOrderId();
            orderEpisode[slot] = order.episode();
            orderSerial[slot] = order.serial();
            orderQuantity[slot] = order.quantity();
            orderLive[slot] = StateMessages.bool(order.live());
            if (orderLive[slot])
            {
                slotByOrder.put(orderAccount[slot], orderClientId[slot], slot);
            }
        }
        for (final SpoofingStateDecoder.EpisodesDecoder episode : decoder.episodes())
        {
            final int e = addEpisode(episode.account(), episode.key());
            episodeSerial[e] = episode.serial();
            episodeStart[e] = episode.start();
            episodeWindow[e] = episode.window();
            placed[e] = episode.placed();
            cancelled[e] = episode.cancelled();
            filled[e] = episode.filled();
            tradedOpposite[e] = episode.tradedOpposite();
            counterparty[e] = episode.counterparty();
            episodeFired[e] = StateMessages.bool(episode.fired());
            int count = 0;
            for (final SpoofingStateDecoder.EpisodesDecoder.LevelsDecoder level : episode.levels())
            {
                levelPrices[e * MAX_LEVELS + count++] = level.price();
            }
            levels[e] = count;
        }
    }
}

package io.ringside.system;

import io.aeron.Subscription;
import io.ringside.codecs.sbe.FraudAlertDecoder;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import io.ringside.codecs.sbe.StrategyOrderDecoder;
import io.ringside.strategies.surveillance.VelocityRule;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link ShardedClusterTest}'s outputs: taken once each, then grouped by instrument for comparing. */
final class ShardedOutputs
{
    private ShardedOutputs()
    {
    }

    /** One engine's (or shard's) outputs, each once, by outputSequence. */
    static final class Consumer
    {
        private final Subscription subscription;
        private final TreeMap<Long, byte[]> bySequence = new TreeMap<>();

        Consumer(final Subscription subscription)
        {
            this.subscription = subscription;
        }

        int poll()
        {
            return subscription.poll(this::onOutput, 256);
        }

        private void onOutput(
            final DirectBuffer buffer, final int offset, final int length, final io.aeron.logbuffer.Header header)
        {
            final byte[] bytes = new byte[length];
            buffer.getBytes(offset, bytes);
            bySequence.putIfAbsent(DurableFixture.outputSequence(java.util.HexFormat.of().formatHex(bytes)), bytes);
        }

        int count()
        {
            return bySequence.size();
        }
    }

    /** Outputs grouped by instrument, in order, written as text without their outputSequence. */
    static final class Outputs
    {
        final Map<Integer, List<String>> alerts = new TreeMap<>();
        final Map<Integer, List<String>> orders = new TreeMap<>();
        private final Map<Integer, List<long[]>> orderIds = new HashMap<>();
        int alertCount;
        int orderCount;

        static Outputs of(final Consumer alertConsumer, final Consumer orderConsumer)
        {
            final Outputs outputs = new Outputs();
            final MessageHeaderDecoder header = new MessageHeaderDecoder();
            final FraudAlertDecoder alert = new FraudAlertDecoder();
            final StrategyOrderDecoder order = new StrategyOrderDecoder();
            long expected = 1;
            for (final Map.Entry<Long, byte[]> entry : alertConsumer.bySequence.entrySet())
            {
                assertEquals(expected++, entry.getKey(), "alerts numbered from 1, none missing");
                alert.wrapAndApplyHeader(new UnsafeBuffer(entry.getValue()), 0, header);
                outputs.alerts.computeIfAbsent(alert.instrumentId(), (i) -> new ArrayList<>()).add(
                    "rule=" + alert.ruleId() + " severity=" + alert.severity() + " account=" + alert.account() +
                    " counterparty=" + alert.counterpartyAccount() + " trigger=" + alert.triggerSourceId() + "/" +
                    alert.triggerSequence() + "@" + alert.triggerEventTime() + "/" +
                    alert.triggerIntendedSendTime() + " observed=" + alert.observedValue() +
                    " limit=" + alert.limitValue() + " reference=" + alert.referenceValue());
                outputs.alertCount++;
            }
            expected = 1;
            for (final Map.Entry<Long, byte[]> entry : orderConsumer.bySequence.entrySet())
            {
                assertEquals(expected++, entry.getKey(), "orders numbered from 1, none missing");
                order.wrapAndApplyHeader(new UnsafeBuffer(entry.getValue()), 0, header);
                outputs.orders.computeIfAbsent(order.instrumentId(), (i) -> new ArrayList<>()).add(
                    "strategy=" + order.strategyId() + " " + order.action() + " " + order.side() + " " +
                    order.quantity() + "@" + order.price() + " trigger=" + order.triggerSourceId() + "/" +
                    order.triggerSequence() + "@" + order.triggerEventTime() + "/" +
                    order.triggerIntendedSendTime());
                outputs.orderIds.computeIfAbsent(order.instrumentId(), (i) -> new ArrayList<>()).add(
                    new long[]{ order.strategyId(), order.clientOrderId(), order.originalClientOrderId() });
                outputs.orderCount++;
            }
            return outputs;
        }

        java.util.SortedSet<Integer> instruments()
        {
            final java.util.TreeSet<Integer> instruments = new java.util.TreeSet<>(alerts.keySet());
            instruments.addAll(orders.keySet());
            return instruments;
        }

        int alertsOf(final int instrument)
        {
            return alerts.getOrDefault(instrument, List.of()).size();
        }

        /** The instrument's alerts of the account-level rule (velocity), or of every other rule. */
        List<String> alerts(final int instrument, final boolean accountLevel)
        {
            return alerts.getOrDefault(instrument, List.of()).stream()
                .filter((a) -> a.startsWith("rule=" + VelocityRule.RULE_ID + " ") == accountLevel).toList();
        }

        List<String> velocityAlerts()
        {
            final List<String> velocity = new ArrayList<>();
            for (final int instrument : alerts.keySet())
            {
                velocity.addAll(alerts(instrument, true));
            }
            return velocity;
        }

        /**
         * The instrument's orders with their client order ids, and the ids they replace or cancel, renumbered in the
         * order the instrument's orders first used them: an engine numbers them across all its instruments.
         */
        List<String> orders(final int instrument)
        {
            final List<String> texts = orders.getOrDefault(instrument, List.of());
            final List<long[]> ids = orderIds.getOrDefault(instrument, List.of());
            final Map<Long, Integer> renumbered = new HashMap<>();
            final List<String> result = new ArrayList<>();
            for (int i = 0; i < texts.size(); i++)
            {
                final long[] id = ids.get(i);
                final long key = id[0] << 48 | id[1];
                final int own = renumbered.computeIfAbsent(key, (k) -> renumbered.size() + 1);
                final String original;
                if (0 == id[2])
                {
                    original = "0";
                }
                else
                {
                    final Integer replaced = renumbered.get(id[0] << 48 | id[2]);
                    assertTrue(null != replaced, "order replaces one of another instrument: " + texts.get(i));
                    original = replaced.toString();
                }
                result.add(texts.get(i) + " id=" + own + " original=" + original);
            }
            return result;
        }

        void assertClientOrderIdsNumberedFromOne()
        {
            final Map<Long, List<Long>> byStrategy = new TreeMap<>();
            for (final List<long[]> ids : orderIds.values())
            {
                for (final long[] id : ids)
                {
                    byStrategy.computeIfAbsent(id[0], (s) -> new ArrayList<>()).add(id[1]);
                }
            }
            for (final Map.Entry<Long, List<Long>> strategy : byStrategy.entrySet())
            {
                final List<Long> sorted = strategy.getValue().stream().sorted().toList();
                for (int i = 0; i < sorted.size(); i++)
                {
                    assertEquals(i + 1, sorted.get(i), "strategy " + strategy.getKey() + "'s client order ids");
                }
            }
        }
    }
}

package io.ringside.engine.pipeline;

import io.ringside.codecs.FrameCheck;
import io.ringside.codecs.TemplateNames;
import io.ringside.codecs.sbe.AddOrderEncoder;
import io.ringside.codecs.sbe.InstrumentDefinitionEncoder;
import io.ringside.codecs.sbe.MessageHeaderEncoder;
import io.ringside.codecs.sbe.Side;
import io.ringside.codecs.snapshot.SnapshotHeaderDecoder;
import io.ringside.codecs.snapshot.SnapshotHeaderEncoder;
import io.ringside.engine.RecordingLogger;
import io.ringside.strategies.AlertSink;
import io.ringside.strategies.OrderSink;
import io.ringside.strategies.surveillance.Surveillance;
import io.ringside.strategies.surveillance.SurveillanceConfig;
import io.ringside.strategies.trading.Trading;
import io.ringside.strategies.trading.TradingConfig;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class InstrumentAdmissionTest
{
    private static final boolean ACCEPT_UNDEFINED = false;
    private static final boolean REFUSE_UNDEFINED = true;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final RecordingLogger log = new RecordingLogger();

    @Test
    void everyInboundTemplateCarriesItsInstrumentIdWhereIngressReadsIt() throws Exception
    {
        int checked = 0;
        for (int templateId = 0; templateId <= FrameCheck.maxTemplateId(); templateId++)
        {
            if (FrameCheck.isInbound(templateId))
            {
                final Class<?> decoder = Class.forName("io.ringside.codecs.sbe." + camel(TemplateNames.name(templateId))
                    + "Decoder");
                final int offset = (int)decoder.getMethod("instrumentIdEncodingOffset").invoke(null);
                assertEquals(InstrumentAdmission.INSTRUMENT_ID_OFFSET, MessageHeaderEncoder.ENCODED_LENGTH + offset,
                    TemplateNames.name(templateId));
                checked++;
            }
        }
        assertTrue(checked >= 12, "inbound templates checked: " + checked);
    }

    @Test
    void aSnapshotRestoresExactlyTheAdmittedInstrumentsAndWhichWereDefined()
    {
        final InstrumentAdmission before = new InstrumentAdmission(4, ACCEPT_UNDEFINED, log);
        assertEquals(InstrumentAdmission.ADMITTED, before.admit(buffer, 0, definition(30), 1));
        assertEquals(InstrumentAdmission.ADMITTED_UNDEFINED, before.admit(buffer, 0, addOrder(7), 1));
        assertEquals(InstrumentAdmission.ADMITTED, before.admit(buffer, 0, definition(12), 1));

        final ExpandableArrayBuffer snapshot = new ExpandableArrayBuffer(256);
        final SnapshotHeaderEncoder encoder = new SnapshotHeaderEncoder().wrap(snapshot, 0);
        encoder.positionsCount(0);
        encoder.sourcesCount(0);
        before.encode(encoder);
        final SnapshotHeaderDecoder decoder = new SnapshotHeaderDecoder()
            .wrap(snapshot, 0, SnapshotHeaderEncoder.BLOCK_LENGTH, SnapshotHeaderEncoder.SCHEMA_VERSION);
        decoder.positions();
        decoder.sources();
        final StringBuilder encoded = new StringBuilder();
        for (final SnapshotHeaderDecoder.InstrumentsDecoder instrument : decoder.instruments())
        {
            encoded.append(instrument.instrumentId()).append(instrument.defined() == 1 ? "d " : "u ");
        }
        assertEquals("7u 12d 30d ", encoded.toString(), "in id order, with whether each was defined");

        final InstrumentAdmission after = new InstrumentAdmission(4, ACCEPT_UNDEFINED, log);
        decoder.sbeRewind();
        decoder.positions();
        decoder.sources();
        after.restore(decoder.instruments());
        assertEquals(3, after.instrumentCount());
        assertEquals(InstrumentAdmission.ADMITTED_UNDEFINED, after.admit(buffer, 0, addOrder(7), 1));
        assertEquals(InstrumentAdmission.ADMITTED, after.admit(buffer, 0, addOrder(12), 1));
        assertEquals(InstrumentAdmission.ADMITTED_UNDEFINED, after.admit(buffer, 0, addOrder(99), 1), "the 4th");
        assertEquals(InstrumentAdmission.REFUSED_LIMIT, after.admit(buffer, 0, addOrder(100), 1));

        final InstrumentAdmission smaller = new InstrumentAdmission(2, ACCEPT_UNDEFINED, log);
        decoder.sbeRewind();
        decoder.positions();
        decoder.sources();
        final IllegalStateException refused =
            assertThrows(IllegalStateException.class, () -> smaller.restore(decoder.instruments()));
        assertEquals("it holds 3 instruments, more than max-instruments 2", refused.getMessage());
    }

    @Test
    void aSnapshotOlderThanTheAdmittedSetAdmitsWhatTheRestoredHandlersHold()
    {
        final Surveillance surveillance = new Surveillance(new SurveillanceConfig(), 16);
        final Trading trading = new Trading(new TradingConfig());
        final InstrumentDefinitionEncoder definition = new InstrumentDefinitionEncoder();
        definition.wrapAndApplyHeader(buffer, 0, header).instrumentId(7).tickSize(100).priceScale((short)4)
            .symbol("AAPL");
        final int definitionLength = MessageHeaderEncoder.ENCODED_LENGTH + definition.encodedLength();
        surveillance.onFrame(buffer, 0, definitionLength, NO_ALERTS);
        trading.onFrame(buffer, 0, definitionLength, NO_ORDERS);
        final AddOrderEncoder order = new AddOrderEncoder();
        order.wrapAndApplyHeader(buffer, 0, header).instrumentId(9).orderId(1).side(Side.BUY).price(1_000_000)
            .quantity(100);
        final int orderLength = MessageHeaderEncoder.ENCODED_LENGTH + order.encodedLength();
        surveillance.onFrame(buffer, 0, orderLength, NO_ALERTS);
        trading.onFrame(buffer, 0, orderLength, NO_ORDERS);

        final InstrumentAdmission admission = new InstrumentAdmission(2, REFUSE_UNDEFINED, log);
        admission.restore(surveillance, (instrumentId) -> null != trading.symbol(instrumentId));
        assertEquals(2, admission.instrumentCount());
        assertEquals(InstrumentAdmission.ADMITTED, admission.admit(buffer, 0, addOrder(7), 1), "defined: admitted");
        assertEquals(InstrumentAdmission.REFUSED_UNDEFINED, admission.admit(buffer, 0, addOrder(9), 1),
            "held but never defined, under refuse");
        assertEquals(InstrumentAdmission.REFUSED_LIMIT, admission.admit(buffer, 0, definition(10), 1));
    }

    @Test
    void anInstrumentIsItsDefiningSourcesAndSoStaysAcrossASnapshot()
    {
        final InstrumentAdmission before = new InstrumentAdmission(8, ACCEPT_UNDEFINED, log);
        assertEquals(InstrumentAdmission.ADMITTED, before.admit(buffer, 0, definition(3, 100), 1));
        assertEquals(InstrumentAdmission.REFUSED_NOT_OWNER, before.admit(buffer, 0, definition(3, 1), 2),
            "another source's different definition would empty the books");
        assertEquals(InstrumentAdmission.REPEATED, before.admit(buffer, 0, definition(3, 100), 2),
            "the same definition again from another source: known already, not passed on");
        assertEquals(InstrumentAdmission.REFUSED_NOT_OWNER, before.admit(buffer, 0, definition(3, 1), 2),
            "repeating it made no one else the owner");
        assertEquals(InstrumentAdmission.ADMITTED, before.admit(buffer, 0, definition(3, 1), 1), "its owner may");
        assertEquals(InstrumentAdmission.ADMITTED, before.admit(buffer, 0, addOrder(3), 2),
            "anyone's market data: who may send what is the source registry's");
        assertEquals(InstrumentAdmission.ADMITTED_UNDEFINED, before.admit(buffer, 0, addOrder(4), 2));
        assertEquals(InstrumentAdmission.ADMITTED, before.admit(buffer, 0, definition(4, 5), 2),
            "seen before defined: its first definer owns it");

        final ExpandableArrayBuffer snapshot = new ExpandableArrayBuffer(256);
        final SnapshotHeaderEncoder encoder = new SnapshotHeaderEncoder().wrap(snapshot, 0);
        encoder.positionsCount(0);
        encoder.sourcesCount(0);
        before.encode(encoder);
        final SnapshotHeaderDecoder decoder = new SnapshotHeaderDecoder()
            .wrap(snapshot, 0, SnapshotHeaderEncoder.BLOCK_LENGTH, SnapshotHeaderEncoder.SCHEMA_VERSION);
        decoder.positions();
        decoder.sources();
        final InstrumentAdmission after = new InstrumentAdmission(8, ACCEPT_UNDEFINED, log);
        after.restore(decoder.instruments());
        assertEquals(InstrumentAdmission.REFUSED_NOT_OWNER, after.admit(buffer, 0, definition(3, 100), 2));
        assertEquals(InstrumentAdmission.REPEATED, after.admit(buffer, 0, definition(3, 1), 2), "as it was");
        assertEquals(InstrumentAdmission.REFUSED_NOT_OWNER, after.admit(buffer, 0, definition(4, 6), 1));
        assertEquals(InstrumentAdmission.ADMITTED, after.admit(buffer, 0, definition(4, 6), 2));
    }

    @Test
    void aRefusedUndefinedInstrumentTakesNoPlaceUnderTheLimit()
    {
        final InstrumentAdmission admission = new InstrumentAdmission(1, REFUSE_UNDEFINED, log);
        assertEquals(InstrumentAdmission.REFUSED_UNDEFINED, admission.admit(buffer, 0, addOrder(5), 1));
        assertEquals(0, admission.instrumentCount());
        assertEquals(InstrumentAdmission.ADMITTED, admission.admit(buffer, 0, definition(6), 1));
        assertEquals(InstrumentAdmission.ADMITTED, admission.admit(buffer, 0, addOrder(6), 1));
        assertEquals(InstrumentAdmission.REFUSED_LIMIT, admission.admit(buffer, 0, definition(5), 1));
        assertEquals(InstrumentAdmission.REFUSED_LIMIT, admission.admit(buffer, 0, definition(8), 1));
        final String printed = log.text();
        assertEquals(printed.indexOf("max-instruments 1 reached"), printed.lastIndexOf("max-instruments 1 reached"),
            "named once: " + printed);
        assertTrue(printed.contains("events for instrument 5 "), printed);
    }

    private static final AlertSink NO_ALERTS = (ruleId, severity, account, counterparty, instrumentId, observed,
        limit, reference) -> {};
    private static final OrderSink NO_ORDERS = (strategyId, instrumentId, action, side, price, quantity,
        clientOrderId, originalClientOrderId) -> {};

    private static String camel(final String snake)
    {
        final StringBuilder name = new StringBuilder();
        for (final String part : snake.split("_"))
        {
            name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return name.toString();
    }

    private int definition(final int id, final long tickSize)
    {
        new InstrumentDefinitionEncoder().wrapAndApplyHeader(buffer, 0, header).instrumentId(id).tickSize(tickSize)
            .priceScale((short)4).symbol("S" + id);
        return InstrumentDefinitionEncoder.TEMPLATE_ID;
    }

    private int definition(final int id)
    {
        new InstrumentDefinitionEncoder().wrapAndApplyHeader(buffer, 0, header).instrumentId(id);
        return InstrumentDefinitionEncoder.TEMPLATE_ID;
    }

    private int addOrder(final int id)
    {
        new AddOrderEncoder().wrapAndApplyHeader(buffer, 0, header).instrumentId(id);
        return AddOrderEncoder.TEMPLATE_ID;
    }
}

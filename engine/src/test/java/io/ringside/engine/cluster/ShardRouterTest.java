package io.ringside.engine.cluster;

import io.ringside.codecs.sbe.AddOrderEncoder;
import io.ringside.codecs.sbe.ClientNewOrderEncoder;
import io.ringside.codecs.sbe.ControlAction;
import io.ringside.codecs.sbe.ControlCommandEncoder;
import io.ringside.codecs.sbe.FraudAlertEncoder;
import io.ringside.codecs.sbe.InstrumentDefinitionEncoder;
import io.ringside.codecs.sbe.MessageHeaderEncoder;
import io.ringside.codecs.sbe.Side;
import io.ringside.engine.config.RingsideConfig;
import io.ringside.engine.config.ShardAssignments;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Where the sharded gateway sends each message: the symbol's shard, remembered by instrument id, and its bounds. */
final class ShardRouterTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();

    @Test
    void theSymbolHashIsFnv1aAndNeverChanges()
    {
        // Pinned: a change here moves instruments (and their state) between shards of a running deployment.
        assertEquals(0x58CD330B, ShardMap.hash("AAPL"));
        assertEquals(0xC9AD9A73, ShardMap.hash("MSFT"));
        assertEquals(0x0FF323F9, ShardMap.hash("AAAA"));
        assertEquals(ShardMap.hash("AAPL"), ShardMap.hash("AAPL    "), "trailing spaces are not the symbol's");
        final ShardMap map = new ShardMap(3, new ShardAssignments());
        assertEquals(1, map.shardOf("AAPL"));
        assertEquals(2, map.shardOf("AAAA"));
        assertEquals(2, map.shardOf("AAAB"));
        assertEquals(1, map.shardOf("AAAC"));
        assertEquals(Integer.remainderUnsigned(-7, 3), map.shardOfInstrumentId(-7));
    }

    @Test
    void definitionsPlaceInstrumentsAndTheirEventsFollow()
    {
        final ShardAssignments assigned = new ShardAssignments().assign("AAPL", 0);
        final ShardRouter router = new ShardRouter(new ShardMap(2, assigned), 16);

        assertEquals(0, route(router, definition(7, "AAPL")), "configured: AAPL on shard 0, not its hash's 1");
        assertEquals(1, route(router, definition(8, "AAAA")), "hashed: AAAA on shard 1");
        assertEquals(0, route(router, definition(9, "AAAB")), "hashed: AAAB on shard 0");
        assertEquals(0, route(router, addOrder(7)));
        assertEquals(1, route(router, addOrder(8)));
        assertEquals(1, route(router, clientOrder(8)), "client activity goes where its instrument is");
        assertEquals(0, route(router, clientOrder(9)));
        assertEquals(ShardRouter.ALL, route(router, control()));

        // No definition yet: the id decides (11 % 2), and a later definition does not move it.
        assertEquals(1, route(router, addOrder(11)));
        assertEquals(1, route(router, definition(11, "AAPL")));
        assertEquals(1, router.misplacedDefinitions());

        assertEquals(0, route(router, alert()), "an output is no inbound message: shard 0 refuses it");
        assertEquals(0, router.route(buffer, 0, 5), "too short for a header");
        assertEquals(2, router.unreadable());
        assertEquals(1, router.toEveryShard());
        assertEquals(4, router.instruments());
        assertEquals(6, router.routed(0));
        assertEquals(5, router.routed(1));
    }

    @Test
    void instrumentsBeyondTheBoundAreRefusedAndCounted()
    {
        final ShardRouter router = new ShardRouter(new ShardMap(2, new ShardAssignments()), 2);
        assertEquals(1, route(router, definition(1, "AAAA")));
        assertEquals(0, route(router, addOrder(2)));
        assertEquals(ShardRouter.REFUSED, route(router, definition(3, "AAAB")));
        assertEquals(ShardRouter.REFUSED, route(router, addOrder(3)));
        assertEquals(1, route(router, addOrder(1)), "those placed still go");
        assertEquals(ShardRouter.ALL, route(router, control()), "commands still go everywhere");
        assertEquals(2, router.refusedOverCapacity());
        assertEquals(2, router.instruments());
    }

    @Test
    void hostileShardConfigurationIsRefusedNamingTheKey() throws Exception
    {
        final Path file = Files.createTempFile("shards", ".conf");
        try
        {
            Files.write(file, List.of("instrument.AAPL.shard = 2", "instrument.MSFT.shard = 0"));
            final RingsideConfig config = RingsideConfig.load(file);
            assertEquals(0, new ShardMap(3, config.shards()).shardOf("MSFT"));
            assertEquals(2, new ShardMap(3, config.shards()).shardOf("AAPL"));
            assertEquals("instrument.AAPL.shard = 2: only shards 0 to 1 run (--shards 2)",
                assertThrows(IllegalArgumentException.class, () -> new ShardMap(2, config.shards())).getMessage());

            Files.write(file, List.of("instrument.AAPL.shard = -1"));
            assertEquals("config " + file + ":1: instrument.AAPL.shard must be 0 to 63: -1",
                assertThrows(IllegalArgumentException.class, () -> RingsideConfig.load(file)).getMessage());
            Files.write(file, List.of("instrument.AAPL.shard = 64"));
            assertEquals("config " + file + ":1: instrument.AAPL.shard must be 0 to 63: 64",
                assertThrows(IllegalArgumentException.class, () -> RingsideConfig.load(file)).getMessage());
            Files.write(file, List.of("instrument.TOOLONGSYM.shard = 1"));
            assertEquals("config " + file + ":1: instrument symbol must be 1 to 8 ASCII characters: 'TOOLONGSYM'",
                assertThrows(IllegalArgumentException.class, () -> RingsideConfig.load(file)).getMessage());
        }
        finally
        {
            Files.delete(file);
        }
        assertEquals("shards: must be 1 to 64: 0",
            assertThrows(IllegalArgumentException.class, () -> new ShardMap(0, new ShardAssignments())).getMessage());
        assertEquals("shards: must be 1 to 64: 65",
            assertThrows(IllegalArgumentException.class, () -> new ShardMap(65, new ShardAssignments())).getMessage());
        assertThrows(IllegalArgumentException.class,
            () -> new ShardRouter(new ShardMap(2, new ShardAssignments()), 0));
    }

    private int route(final ShardRouter router, final int length)
    {
        return router.route(buffer, 0, length);
    }

    private int definition(final int instrumentId, final String symbol)
    {
        final InstrumentDefinitionEncoder encoder = new InstrumentDefinitionEncoder().wrapAndApplyHeader(buffer, 0, header);
        encoder.instrumentId(instrumentId).tickSize(100).priceScale((short)4).symbol(symbol);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    private int addOrder(final int instrumentId)
    {
        final AddOrderEncoder encoder = new AddOrderEncoder().wrapAndApplyHeader(buffer, 0, header);
        encoder.instrumentId(instrumentId).orderId(1).side(Side.BUY).price(1_000_000).quantity(100);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    private int clientOrder(final int instrumentId)
    {
        final ClientNewOrderEncoder encoder = new ClientNewOrderEncoder().wrapAndApplyHeader(buffer, 0, header);
        encoder.instrumentId(instrumentId).account(5).clientOrderId(1).side(Side.SELL).price(1_000_000).quantity(1);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    private int control()
    {
        final ControlCommandEncoder encoder = new ControlCommandEncoder().wrapAndApplyHeader(buffer, 0, header);
        encoder.instrumentId(0).commandId(1).action(ControlAction.KILL_SWITCH_ON).strategyId(0);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    private int alert()
    {
        final FraudAlertEncoder encoder = new FraudAlertEncoder().wrapAndApplyHeader(buffer, 0, header);
        encoder.outputSequence(1).ruleId(1).instrumentId(7);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }
}

package io.ringside.transport;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

final class WildcardEndpointsTest
{
    @Test
    void wildcardAddressesAreFound()
    {
        assertEquals("0.0.0.0", WildcardEndpoints.wildcard("aeron:udp?endpoint=0.0.0.0:40123"));
        assertEquals("[::]", WildcardEndpoints.wildcard("aeron:udp?endpoint=[::]:40123"));
        assertEquals("0.0.0.0", WildcardEndpoints.wildcard("aeron:udp?endpoint=224.0.1.1:40456|interface=0.0.0.0/0"));
        assertNull(WildcardEndpoints.wildcard("aeron:udp?endpoint=127.0.0.1:40123"));
        assertNull(WildcardEndpoints.wildcard("aeron:udp?endpoint=localhost:40123"));
        assertNull(WildcardEndpoints.wildcard("aeron:ipc"));
        assertNull(WildcardEndpoints.wildcard("not a channel"));
    }

    @Test
    void oneLinePerChannel()
    {
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int warned = WildcardEndpoints.warn("ringside engine", List.of(
            new ArchivingDriver.Stream("aeron:udp?endpoint=0.0.0.0:40123", 1001),
            new ArchivingDriver.Stream("aeron:udp?endpoint=0.0.0.0:40123", 1004),
            new ArchivingDriver.Stream("aeron:ipc", 1002)), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, warned);
        assertEquals("ringside engine: warning: aeron:udp?endpoint=0.0.0.0:40123 is on the wildcard address 0.0.0.0, "
            + "every interface of this host: any machine that reaches one can send to it; give the address of the "
            + "interface it is meant for" + System.lineSeparator(), err.toString(StandardCharsets.UTF_8));
    }
}

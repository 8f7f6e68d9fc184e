package io.ringside.engine.config;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConfigFileTest
{
    private final Map<String, Object> applied = new LinkedHashMap<>();

    private ConfigFile.Bindings bindings()
    {
        return new ConfigFile.Bindings()
            .integer("risk.max-position", value ->
            {
                if (value <= 0)
                {
                    throw new IllegalArgumentException("risk.max-position must be > 0: " + value);
                }
                applied.put("risk.max-position", value);
            })
            .duration("velocity.window", value -> applied.put("velocity.window", value))
            .decimal("risk.max-notional", 4, value -> applied.put("risk.max-notional", value))
            .bool("risk.kill-switch", value -> applied.put("risk.kill-switch", value))
            .integerList("wash.accounts", value -> applied.put("wash.accounts", value))
            .scope("instrument", name -> new ConfigFile.Bindings()
                .integer("risk.max-position", value -> applied.put(name + "/risk.max-position", value)));
    }

    private void apply(final String... lines)
    {
        ConfigFile.parse("test.conf", List.of(lines)).applyTo(bindings());
    }

    private String failure(final String... lines)
    {
        return assertThrows(IllegalArgumentException.class, () -> apply(lines)).getMessage();
    }

    @Test
    void appliesEveryTypeAndScope()
    {
        apply(
            "# limits",
            "",
            "risk.max-position = 1_000   # shares",
            "velocity.window=250ms",
            "risk.max-notional = 1500000.25",
            "risk.kill-switch = off",
            "wash.accounts = 7, 8 ,9",
            "instrument.AAPL.risk.max-position = 300",
            "instrument.MSFT.risk.max-position = 400");

        assertEquals(1000L, applied.get("risk.max-position"));
        assertEquals(250_000_000L, applied.get("velocity.window"));
        assertEquals(15_000_002_500L, applied.get("risk.max-notional"));
        assertEquals(Boolean.FALSE, applied.get("risk.kill-switch"));
        assertArrayEquals(new long[]{ 7, 8, 9 }, (long[])applied.get("wash.accounts"));
        assertEquals(300L, applied.get("AAPL/risk.max-position"));
        assertEquals(400L, applied.get("MSFT/risk.max-position"));
        assertEquals(
            new ArrayList<>(List.of("risk.max-position", "velocity.window", "risk.max-notional", "risk.kill-switch",
                "wash.accounts", "AAPL/risk.max-position", "MSFT/risk.max-position")),
            new ArrayList<>(applied.keySet()));
    }

    @Test
    void durationsTakeEveryUnit()
    {
        assertEquals(7L, ConfigFile.Bindings.parseDurationNs("k", "7ns"));
        assertEquals(7_000L, ConfigFile.Bindings.parseDurationNs("k", "7us"));
        assertEquals(7_000_000L, ConfigFile.Bindings.parseDurationNs("k", "7ms"));
        assertEquals(7_000_000_000L, ConfigFile.Bindings.parseDurationNs("k", "7s"));
        assertEquals(120_000_000_000L, ConfigFile.Bindings.parseDurationNs("k", "2min"));
    }

    @Test
    void everyProblemNamesFileLineAndKey()
    {
        assertEquals("config test.conf:2: risk.max-postion: unknown key (known here: risk.max-position, " +
            "risk.max-notional, risk.kill-switch)", failure("# x", "risk.max-postion = 5"));
        assertEquals("config test.conf:1: risk.max-position: expected an integer, got 'ten'",
            failure("risk.max-position = ten"));
        assertEquals("config test.conf:1: risk.max-position must be > 0: -3",
            failure("risk.max-position = -3"));
        assertEquals("config test.conf:1: velocity.window: expected a duration with a unit (ns, us, ms, s, min), " +
            "got '250'", failure("velocity.window = 250"));
        assertEquals("config test.conf:1: velocity.window: unknown duration unit 'h' in '2h'; expected ns, us, ms, " +
            "s or min", failure("velocity.window = 2h"));
        assertEquals("config test.conf:1: risk.max-notional: expected a decimal number with at most 4 decimal " +
            "places, got '1.00001'", failure("risk.max-notional = 1.00001"));
        assertEquals("config test.conf:1: risk.kill-switch: expected true or false, got 'maybe'",
            failure("risk.kill-switch = maybe"));
        assertEquals("config test.conf:1: wash.accounts: expected an integer, got 'x'", failure("wash.accounts = 1,x"));
        assertEquals("config test.conf:3: risk.kill-switch: already set on line 1",
            failure("risk.kill-switch = on", "", "risk.kill-switch = off"));
        assertEquals("config test.conf:1: expected 'key = value', got 'risk.kill-switch on'",
            failure("risk.kill-switch on"));
        assertEquals("config test.conf:1: risk.kill-switch: no value", failure("risk.kill-switch ="));
        assertEquals("config test.conf:1: instrument.AAPL: expected instrument.<name>.<setting>",
            failure("instrument.AAPL = 3"));
        assertEquals("config test.conf:1: instrument.AAPL.risk.max-size: unknown key (known here: risk.max-position)",
            failure("instrument.AAPL.risk.max-size = 3"));
    }
}

package io.ringside.cli;

import io.ringside.engine.StreamSettings;
import picocli.CommandLine.Option;

/** Where market data reaches the engine. */
final class IngressOptions
{
    @Option(names = "--ingress-channel", paramLabel = "CHANNEL", defaultValue = StreamSettings.DEFAULT_CHANNEL,
        description = "Aeron channel of the market-data ingress (aeron:udp?endpoint=HOST:PORT for UDP). "
            + "Default: ${DEFAULT-VALUE}.")
    String channel;

    @Option(names = "--ingress-stream", paramLabel = "ID", defaultValue = "" + StreamSettings.DEFAULT_INGRESS_STREAM_ID,
        description = "Stream id of the market-data ingress. Default: ${DEFAULT-VALUE}.")
    int streamId;
}

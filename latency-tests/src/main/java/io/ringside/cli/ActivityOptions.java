package io.ringside.cli;

import io.ringside.engine.StreamSettings;
import picocli.CommandLine.Option;

/** Where client trading activity (orders, cancels, executions) reaches the engine, beside market data. */
final class ActivityOptions
{
    @Option(names = "--activity-channel", paramLabel = "CHANNEL",
        description = "Aeron channel of client trading activity. Default: the ingress channel.")
    String channel;

    @Option(names = "--activity-stream", paramLabel = "ID",
        defaultValue = "" + StreamSettings.DEFAULT_ACTIVITY_STREAM_ID,
        description = "Stream id of client trading activity. Default: ${DEFAULT-VALUE}.")
    int streamId;
}

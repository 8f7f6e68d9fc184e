package io.ringside.latency.stat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * {@code GET /metrics} over HTTP with the JDK's own server: one thread, the body made afresh for every scrape (a
 * scrape every few seconds costs one read of the CnC file). Every other path is 404, every other method 405, and a
 * scrape that fails is a 500 naming why, never a dropped connection.
 */
public final class MetricsServer implements AutoCloseable
{
    public static final String PATH = "/metrics";

    private final HttpServer server;
    private final Supplier<String> metrics;

    /**
     * @param address where to listen; port 0 for any free one.
     * @param metrics the body of a scrape, in Prometheus's text format.
     * @throws UncheckedIOException when the address cannot be listened on.
     */
    public MetricsServer(final InetSocketAddress address, final Supplier<String> metrics)
    {
        this.metrics = metrics;
        try
        {
            server = HttpServer.create(address, 8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("--port: cannot listen on " + address + ": " + ex.getMessage(), ex);
        }
        server.createContext("/", this::handle);
        server.setExecutor(null); // the dispatcher thread answers: scrapes are rare and quick
        server.start();
    }

    /** The address listened on, with the port chosen when 0 was asked for. */
    public InetSocketAddress address()
    {
        return server.getAddress();
    }

    private void handle(final HttpExchange exchange) throws IOException
    {
        try (exchange)
        {
            final String method = exchange.getRequestMethod();
            if (!PATH.equals(exchange.getRequestURI().getPath()))
            {
                respond(exchange, 404, "text/plain; charset=utf-8", "not found: the metrics are at " + PATH + "\n");
            }
            else if (!"GET".equals(method) && !"HEAD".equals(method))
            {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                respond(exchange, 405, "text/plain; charset=utf-8", "method not allowed: GET or HEAD\n");
            }
            else
            {
                String body;
                int status = 200;
                try
                {
                    body = metrics.get();
                }
                catch (final RuntimeException ex)
                {
                    status = 500;
                    body = "cannot read the engine's counters: " + ex.getMessage() + "\n";
                }
                respond(exchange, status, 200 == status ? PrometheusStat.CONTENT_TYPE : "text/plain; charset=utf-8",
                    body);
            }
        }
    }

    private static void respond(final HttpExchange exchange, final int status, final String contentType,
        final String body) throws IOException
    {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        final boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head)
        {
            try (OutputStream out = exchange.getResponseBody())
            {
                out.write(bytes);
            }
        }
    }

    /** Stop listening; a scrape under way is given a moment to finish. */
    public void close()
    {
        server.stop(1);
    }
}

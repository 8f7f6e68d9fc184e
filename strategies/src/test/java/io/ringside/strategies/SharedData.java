package io.ringside.strategies;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import static org.junit.jupiter.api.Assertions.fail;

/** The recorded market data beside the checkout ({@code shared/data}), found from wherever the tests run. */
public final class SharedData
{
    private SharedData()
    {
    }

    /**
     * The LOBSTER directory. Surefire runs in the module directory, which sits at different depths in a checkout and
     * in a worktree, so it is looked for upwards.
     */
    public static Path lobsterDir()
    {
        final Path start = Paths.get("").toAbsolutePath();
        for (Path dir = start; null != dir; dir = dir.getParent())
        {
            final Path candidate = dir.resolve("shared").resolve("data").resolve("lobster");
            if (Files.isDirectory(candidate))
            {
                return candidate;
            }
        }
        return fail("no shared/data/lobster directory in " + start + " or any parent; the LOBSTER test data is needed");
    }
}

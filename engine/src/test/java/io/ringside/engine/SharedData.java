package io.ringside.engine;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.fail;

/** Finds the recorded market data kept beside the checkout, in ../shared/data. */
public final class SharedData
{
    private SharedData()
    {
    }

    public static Path lobster(final String fileName)
    {
        Path dir = Path.of("").toAbsolutePath();
        while (null != dir)
        {
            final Path candidate = dir.resolve("shared").resolve("data").resolve("lobster").resolve(fileName);
            if (Files.isRegularFile(candidate))
            {
                return candidate;
            }
            dir = dir.getParent();
        }
        fail("shared/data/lobster/" + fileName + " not found in any parent of " + Path.of("").toAbsolutePath()
            + "; the recorded market data lives in ../shared/data beside the checkout");
        return null;
    }
}

package io.ringside.cli;

import io.aeron.CommonContext;
import io.ringside.engine.EngineContext;
import picocli.CommandLine.Option;

/** The media driver directory, as every Aeron tool finds it: the aeron.dir property, then AERON_DIR, then ours. */
final class AeronDirOption
{
    static final String AERON_DIR_ENV = "AERON_DIR";

    @Option(names = "--aeron-dir", paramLabel = "DIR",
        description = "Media driver directory. Default: ${DEFAULT-VALUE}: the aeron.dir system property, else the "
            + "AERON_DIR environment variable, else ringside-USER in /dev/shm (or java.io.tmpdir).")
    String aeronDir = defaultDirectory();

    static String defaultDirectory()
    {
        final String property = System.getProperty(CommonContext.AERON_DIR_PROP_NAME);
        if (null != property && !property.isBlank())
        {
            return property;
        }
        final String env = System.getenv(AERON_DIR_ENV);
        if (null != env && !env.isBlank())
        {
            return env;
        }
        return EngineContext.defaultAeronDirectory();
    }

    /** True when the directory is the one every command would pick by default. */
    boolean isDefault()
    {
        return aeronDir.equals(defaultDirectory());
    }
}

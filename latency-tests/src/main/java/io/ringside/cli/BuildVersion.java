package io.ringside.cli;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version the build stamped into {@value #RESOURCE} and the commit the launcher names: a jar built from a copy
 * without git history still says which release it is.
 */
final class BuildVersion implements IVersionProvider
{
    static final String RESOURCE = "version.properties";
    static final String COMMIT_PROPERTY = "ringside.commit";

    public String[] getVersion()
    {
        final String commit = System.getProperty(COMMIT_PROPERTY, "");
        return new String[]{ "ringside " + version() + (commit.isBlank() ? "" : " (commit " + commit + ")") };
    }

    static String version()
    {
        try (InputStream in = BuildVersion.class.getResourceAsStream(RESOURCE))
        {
            if (null == in)
            {
                return "unknown";
            }
            final Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + RESOURCE + ": " + ex.getMessage(), ex);
        }
    }
}

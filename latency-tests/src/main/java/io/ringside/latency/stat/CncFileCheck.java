package io.ringside.latency.stat;

import io.aeron.CncFileDescriptor;
import org.agrona.SemanticVersion;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.MappedByteBuffer;
import java.nio.file.Path;

/**
 * A media driver's CnC file read from outside, as hostile as any input: initialised, of a version this build reads,
 * and as long as its own buffer lengths say, before anything inside it is read.
 */
final class CncFileCheck
{
    private CncFileCheck()
    {
    }

    /**
     * @return the file's metadata buffer, once the checks pass.
     * @throws IllegalStateException naming the file and what is wrong with it.
     */
    static UnsafeBuffer metaData(final Path cncFile, final MappedByteBuffer cnc)
    {
        final UnsafeBuffer metaData = CncFileDescriptor.createMetaDataBuffer(cnc);
        final int version = metaData.getIntVolatile(CncFileDescriptor.cncVersionOffset(0));
        if (0 == version)
        {
            throw malformed(cncFile, "it is not initialised (a media driver still starting?)");
        }
        if (SemanticVersion.major(version) != SemanticVersion.major(CncFileDescriptor.CNC_VERSION))
        {
            throw malformed(cncFile, "its version is " + SemanticVersion.toString(version) + ", this build reads "
                + SemanticVersion.toString(CncFileDescriptor.CNC_VERSION));
        }
        for (final int offset : new int[]{ CncFileDescriptor.toDriverBufferLengthOffset(0),
            CncFileDescriptor.toClientsBufferLengthOffset(0), CncFileDescriptor.countersMetaDataBufferLengthOffset(0),
            CncFileDescriptor.countersValuesBufferLengthOffset(0), CncFileDescriptor.errorLogBufferLengthOffset(0) })
        {
            if (metaData.getInt(offset) < 0)
            {
                throw malformed(cncFile, "a buffer length is negative");
            }
        }
        if (!CncFileDescriptor.isCncFileLengthSufficient(metaData, cnc.capacity()))
        {
            throw malformed(cncFile, "it is shorter than its buffers' lengths say");
        }
        return metaData;
    }

    static IllegalStateException malformed(final Path cncFile, final String why)
    {
        return new IllegalStateException("--aeron-dir: " + cncFile + " is not a media driver's CnC file this build "
            + "can read: " + why);
    }
}

package io.ringside.codecs.recorded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class MappedFileTest
{
    @TempDir
    Path dir;

    @Test
    void mapsAWholeFileAndAnEmptyOne() throws IOException
    {
        final MappedFile full = new MappedFile(Files.write(dir.resolve("a.txt"),
            "abc\n".getBytes(StandardCharsets.US_ASCII)), "text files");
        assertEquals(4, full.length());
        assertEquals("abc\n", full.buffer().getStringWithoutLengthAscii(0, 4));
        full.close();

        final MappedFile empty = new MappedFile(Files.write(dir.resolve("b.txt"), new byte[0]), "text files");
        assertEquals(0, empty.length());
        assertEquals(0, empty.buffer().capacity());
        empty.close();

        final UncheckedIOException missing = assertThrows(UncheckedIOException.class,
            () -> new MappedFile(dir.resolve("none.txt"), "text files"));
        assertTrue(missing.getMessage().startsWith("cannot read " + dir.resolve("none.txt") + ": "));
    }
}

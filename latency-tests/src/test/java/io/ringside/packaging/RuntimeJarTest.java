package io.ringside.packaging;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What is shipped, as built by {@code package}: the runtime jar without JMH and the benchmarks, running the operator's
 * commands and refusing the benchmark ones by name; the release archive, whose launcher runs with a Java runtime and
 * nothing else on the PATH. Runs in the package phase, after the jars are built.
 */
final class RuntimeJarTest
{
    private static final Path RUNTIME_JAR = Path.of("target", "ringside-runtime.jar");
    private static final Path FULL_JAR = Path.of("target", "ringside.jar");
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final List<String> OPENS = List.of(
        "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED",
        "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-opens", "java.base/java.nio=ALL-UNNAMED");

    @TempDir
    Path tempDir;

    @BeforeEach
    void onlyOnceTheJarsAreBuilt()
    {
        assumeTrue(Boolean.getBoolean("ringside.packaged"), "runs in the package phase, after the jars are built");
    }

    private record Run(int exitCode, String out, String err)
    {
        @Override
        public String toString()
        {
            return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    @Test
    void theRuntimeJarHoldsNoJmhAndNoBenchmarks() throws IOException
    {
        assertTrue(Files.isRegularFile(RUNTIME_JAR), RUNTIME_JAR + " after package");
        try (JarFile jar = new JarFile(RUNTIME_JAR.toFile()))
        {
            final List<String> leaked = new ArrayList<>();
            jar.stream().map((entry) -> entry.getName())
                .filter((name) -> name.startsWith("org/openjdk/jmh/") || name.startsWith("io/ringside/latency/jmh/")
                    || name.startsWith("io/ringside/latency/bench/") || name.equals("META-INF/BenchmarkList"))
                .forEach(leaked::add);
            assertEquals(List.of(), leaked);
            for (final String needed : List.of("io/ringside/cli/Ringside.class", "io/ringside/engine/Engine.class",
                "io/ringside/latency/feed/Feed.class", "io/aeron/driver/MediaDriver.class",
                "io/aeron/archive/Archive.class", "io/ringside/cli/version.properties"))
            {
                assertNotNull(jar.getEntry(needed), needed);
            }
        }
        try (JarFile full = new JarFile(FULL_JAR.toFile()))
        {
            assertNotNull(full.getEntry("org/openjdk/jmh/Main.class"), "the developer's jar keeps JMH");
        }
    }

    @Test
    void theRuntimeJarRunsTheEngineCommandsAndNamesWhatItLeftOut() throws Exception
    {
        final Run help = java("engine", "--help");
        assertEquals(0, help.exitCode, help.toString());
        assertTrue(help.out.startsWith("Usage: ringside engine "), help.toString());
        assertTrue(help.out.contains("--error-log-length"), help.toString());

        final Run errors = java("errors", "--help");
        assertEquals(0, errors.exitCode, errors.toString());

        final Run jmh = java("jmh", "-l");
        assertEquals(1, jmh.exitCode, jmh.toString());
        assertEquals("ringside jmh: error: jmh: not in this build: ringside-runtime.jar leaves out JMH and the "
            + "benchmarks; run it from ringside.jar (bin/ringside in a checkout)", jmh.err.strip(), jmh.toString());

        final Run bench = java("bench");
        assertEquals(1, bench.exitCode, bench.toString());
        assertTrue(bench.err.startsWith("ringside bench: error: bench: not in this build"), bench.toString());
        assertFalse(bench.err.contains("Exception"), bench.toString());
    }

    @Test
    void theReleaseArchivesLauncherRunsWithoutMaven() throws Exception
    {
        final Path out = tempDir.resolve("out");
        final Run release = run(List.of("bash", Path.of("..", "bin", "release").toString(), "--no-build", "--out",
            out.toString()), Map.of());
        assertEquals(0, release.exitCode, release.toString());
        final Path archive;
        try (Stream<Path> files = Files.list(out))
        {
            archive = files.filter((p) -> p.toString().endsWith(".tar.gz")).findFirst().orElseThrow();
        }
        final Run untar = run(List.of("tar", "-xzf", archive.toString(), "-C", tempDir.toString()), Map.of());
        assertEquals(0, untar.exitCode, untar.toString());
        final String name = archive.getFileName().toString().replace(".tar.gz", "");
        final Path home = tempDir.resolve(name);
        for (final String shipped : List.of("bin/ringside-run", "lib/ringside-runtime.jar", "conf/ringside.conf",
            "LICENSE", "README.md", "docs/deploy.md", "docs/deploy/Containerfile", "docs/deploy/ringside-engine.service"))
        {
            assertTrue(Files.exists(home.resolve(shipped)), shipped + " in " + archive);
        }
        assertTrue(Files.readString(home.resolve("LICENSE")).contains("Apache License"));

        // A PATH with java on it and nothing else: no Maven, no build.
        final Path javaOnly = Files.createDirectories(tempDir.resolve("java-only"));
        final Path java = javaOnly.resolve("java");
        Files.writeString(java, "#!/bin/sh\nexec '" + JAVA + "' \"$@\"\n");
        assertTrue(java.toFile().setExecutable(true));
        final Run version = run(List.of("/bin/bash", home.resolve("bin/ringside-run").toString(), "--version"),
            Map.of("PATH", javaOnly.toString()));
        assertEquals(0, version.exitCode, version.toString());
        assertTrue(version.out.startsWith("ringside " + name.substring("ringside-".length())), version.toString());
    }

    private Run java(final String... args) throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(JAVA);
        command.addAll(OPENS);
        command.add("-jar");
        command.add(RUNTIME_JAR.toString());
        Collections.addAll(command, args);
        return run(command, Map.of());
    }

    private Run run(final List<String> command, final Map<String, String> env) throws Exception
    {
        final ProcessBuilder builder = new ProcessBuilder(command)
            .redirectOutput(tempDir.resolve("out.txt").toFile())
            .redirectError(tempDir.resolve("err.txt").toFile());
        builder.environment().remove("JAVA_HOME");
        builder.environment().remove("RINGSIDE_JAR");
        builder.environment().putAll(env);
        final Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Run(process.exitValue(), Files.readString(tempDir.resolve("out.txt"), StandardCharsets.UTF_8),
            Files.readString(tempDir.resolve("err.txt"), StandardCharsets.UTF_8));
    }
}

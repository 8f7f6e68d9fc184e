package io.ringside.latency.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the report is being written: JDK, JVM flags, cores, OS and the project's git commit. Collected by the JVM that
 * runs {@code report}, at report time: the same as the run's only when the report runs on the run's machine and build.
 */
public final class ReportEnvironment
{
    private ReportEnvironment()
    {
    }

    /** This JVM's environment; the git commit of the checkout at system property {@code ringside.home}, if set. */
    public static Map<String, String> collect()
    {
        final String home = System.getProperty("ringside.home");
        final Map<String, String> environment = new LinkedHashMap<>();
        environment.put("report written", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        environment.put("git commit", null == home ? "unknown" : gitCommit(Path.of(home)));
        environment.put("JDK", System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
            + System.getProperty("java.vendor") + ")");
        environment.put("JVM flags", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        environment.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        environment.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
            + System.getProperty("os.arch"));
        return environment;
    }

    /**
     * The commit checked out in {@code home}: {@code .git/HEAD}, followed through a worktree's {@code gitdir:} file
     * and a symbolic ref (loose or packed) to its id, with the branch name; "unknown" when any of it cannot be read.
     */
    public static String gitCommit(final Path home)
    {
        try
        {
            Path gitDir = home.resolve(".git");
            if (Files.isRegularFile(gitDir))
            {
                final String pointer = Files.readString(gitDir, StandardCharsets.UTF_8).trim();
                if (!pointer.startsWith("gitdir:"))
                {
                    return "unknown";
                }
                gitDir = home.resolve(pointer.substring("gitdir:".length()).trim()).normalize();
            }
            if (!Files.isDirectory(gitDir))
            {
                return "unknown";
            }
            final String head = Files.readString(gitDir.resolve("HEAD"), StandardCharsets.UTF_8).trim();
            if (!head.startsWith("ref:"))
            {
                return isId(head) ? head : "unknown";
            }
            final String ref = head.substring("ref:".length()).trim();
            Path commonDir = gitDir;
            final Path commonDirFile = gitDir.resolve("commondir");
            if (Files.isRegularFile(commonDirFile))
            {
                commonDir = gitDir.resolve(Files.readString(commonDirFile, StandardCharsets.UTF_8).trim()).normalize();
            }
            final String branch = ref.startsWith("refs/heads/") ? ref.substring("refs/heads/".length()) : ref;
            for (final Path dir : List.of(gitDir, commonDir))
            {
                final Path loose = dir.resolve(ref);
                if (Files.isRegularFile(loose))
                {
                    final String id = Files.readString(loose, StandardCharsets.UTF_8).trim();
                    return isId(id) ? id + " (" + branch + ")" : "unknown";
                }
            }
            final Path packed = commonDir.resolve("packed-refs");
            if (Files.isRegularFile(packed))
            {
                for (final String line : Files.readAllLines(packed, StandardCharsets.UTF_8))
                {
                    final String[] parts = line.trim().split(" ");
                    if (parts.length == 2 && parts[1].equals(ref) && isId(parts[0]))
                    {
                        return parts[0] + " (" + branch + ")";
                    }
                }
            }
            return "unknown (" + branch + ", no commit yet)";
        }
        catch (final IOException | RuntimeException ex)
        {
            return "unknown";
        }
    }

    private static boolean isId(final String text)
    {
        return text.matches("[0-9a-f]{40}([0-9a-f]{24})?");
    }
}

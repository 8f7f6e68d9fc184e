package io.ringside.latency.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class ReportEnvironmentTest
{
    private static final String ID = "0123456789abcdef0123456789abcdef01234567";
    private static final String OTHER = "fedcba9876543210fedcba9876543210fedcba98";

    @TempDir
    Path tempDir;

    @Test
    void aBranchIsFollowedToItsLooseOrPackedCommit() throws Exception
    {
        final Path home = tempDir.resolve("home");
        final Path git = Files.createDirectories(home.resolve(".git/refs/heads"));
        Files.writeString(home.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Files.writeString(git.resolve("main"), ID + "\n");
        assertEquals(ID + " (main)", ReportEnvironment.gitCommit(home));

        Files.delete(git.resolve("main"));
        Files.writeString(home.resolve(".git/packed-refs"), "# pack-refs with: peeled fully-peeled sorted\n"
            + OTHER + " refs/heads/other\n" + ID + " refs/heads/main\n");
        assertEquals(ID + " (main)", ReportEnvironment.gitCommit(home));
    }

    @Test
    void aDetachedHeadIsItsId() throws Exception
    {
        final Path home = tempDir.resolve("home");
        Files.createDirectories(home.resolve(".git"));
        Files.writeString(home.resolve(".git/HEAD"), ID + "\n");
        assertEquals(ID, ReportEnvironment.gitCommit(home));
    }

    @Test
    void aWorktreeIsFollowedThroughItsGitdirAndCommondir() throws Exception
    {
        final Path main = tempDir.resolve("main");
        Files.createDirectories(main.resolve(".git/refs/heads"));
        Files.writeString(main.resolve(".git/refs/heads/topic"), OTHER + "\n");
        final Path worktreeGit = Files.createDirectories(main.resolve(".git/worktrees/wt"));
        Files.writeString(worktreeGit.resolve("HEAD"), "ref: refs/heads/topic\n");
        Files.writeString(worktreeGit.resolve("commondir"), "../..\n");
        final Path worktree = Files.createDirectories(tempDir.resolve("wt"));
        Files.writeString(worktree.resolve(".git"), "gitdir: " + worktreeGit + "\n");
        assertEquals(OTHER + " (topic)", ReportEnvironment.gitCommit(worktree));
    }

    @Test
    void anythingElseIsUnknown() throws Exception
    {
        assertEquals("unknown", ReportEnvironment.gitCommit(tempDir.resolve("nothing")));
        final Path home = tempDir.resolve("garbled");
        Files.createDirectories(home.resolve(".git"));
        Files.writeString(home.resolve(".git/HEAD"), "garbage\n");
        assertEquals("unknown", ReportEnvironment.gitCommit(home));
        Files.writeString(home.resolve(".git/HEAD"), "ref: refs/heads/new\n");
        assertTrue(ReportEnvironment.gitCommit(home).startsWith("unknown"), "a branch without commits");
    }

    @Test
    void theEnvironmentIsThisJvms()
    {
        final Map<String, String> environment = ReportEnvironment.collect();
        assertEquals(List.of("report written", "git commit", "JDK", "JVM flags", "cores", "OS"),
            List.copyOf(environment.keySet()));
        assertTrue(environment.get("JDK").startsWith(System.getProperty("java.version") + " ("
            + System.getProperty("java.vm.name")), environment.get("JDK"));
        assertEquals(Integer.toString(Runtime.getRuntime().availableProcessors()), environment.get("cores"));
        if (null == System.getProperty("ringside.home"))
        {
            assertEquals("unknown", environment.get("git commit"));
        }
    }
}

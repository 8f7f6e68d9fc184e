package io.ringside.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code ringside completion}: picocli's bash and zsh completion script for every command and option. */
@Command(name = "completion", mixinStandardHelpOptions = true,
    description = "Print a bash (and zsh) completion script for ringside: source <(bin/ringside completion), with "
        + "bin on the PATH.")
final class CompletionCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    public Integer call()
    {
        System.out.print(AutoComplete.bash(spec.root().name(), spec.root().commandLine()));
        System.out.flush();
        return Ringside.EXIT_OK;
    }
}

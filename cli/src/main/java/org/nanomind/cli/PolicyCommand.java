package org.nanomind.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.nanomind.bridge.Keys;
import org.nanomind.bridge.PolicyArtifact;
import org.nanomind.bridge.PolicyDiff;
import org.nanomind.bridge.SignedPolicy;
import org.nanomind.scenarios.ScenarioFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nanomind policy build|keygen|sign|verify|diff}: policy artifacts for the board. */
@Command(name = "policy", mixinStandardHelpOptions = true,
        description = "Policy artifacts: build one from a scenario, sign it (Ed25519), verify it, compare two.",
        subcommands = {PolicyCommand.Build.class, PolicyCommand.Keygen.class, PolicyCommand.Sign.class,
            PolicyCommand.Verify.class, PolicyCommand.Diff.class})
final class PolicyCommand {
    @Command(name = "build", mixinStandardHelpOptions = true, description = "A scenario's policies as a canonical JSON artifact.")
    static final class Build implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "SCENARIO", description = "A built-in scenario name or a scenario file.") String scenario;
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the artifact (JSON).") Path out;
        // Not --version: that is picocli's standard option, and the clash made --help fail on this command.
        @Option(names = "--artifact-version", paramLabel = "N", description = "The artifact's version (default: one above the one at --out, or 1).")
        Long version;
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            long v = version != null ? version : Files.exists(out)
                    ? PolicyArtifact.parse(Files.readAllBytes(out), out.toString()).version() + 1 : 1;
            org.nanomind.scenarios.Scenario sc = ScenarioFile.named(scenario);
            PolicyArtifact a = PolicyArtifact.build(sc, v);
            Files.write(out, a.bytes());
            spec.commandLine().getOut().printf("wrote %s: version %d for %s, scheduler %s, %d kernel settings%n", out, v, a.board(),
                    sc.scheduler().name(), a.kernelSettings().size());
            for (String t : PolicyArtifact.unwritable(sc)) {
                spec.commandLine().getOut().printf("  note: %s is its driver's data on the board, no file takes it: the twin ran with the"
                        + " scenario's value, the board keeps its own%n", t);
            }
            return 0;
        }
    }

    @Command(name = "keygen", mixinStandardHelpOptions = true, description = "An Ed25519 signing key: NAME.key (PKCS#8) and NAME.pub (X.509).")
    static final class Keygen implements Callable<Integer> {
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder to write NAME.key and NAME.pub into.") Path dir;
        @Option(names = "--name", defaultValue = "policy", description = "The keys' file name (default: ${DEFAULT-VALUE}).") String name;
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            KeyPair k = Keys.generate();
            Keys.write(k, dir, name);
            spec.commandLine().getOut().printf("wrote %s and %s (key id %s)%n", dir.resolve(name + ".key"), dir.resolve(name + ".pub"),
                    Keys.id(k.getPublic()));
            return 0;
        }
    }

    @Command(name = "sign", mixinStandardHelpOptions = true, description = "Sign an artifact with a private key.")
    static final class Sign implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ARTIFACT", description = "The artifact `policy build` wrote.") Path artifact;
        @Option(names = "--key", required = true, paramLabel = "NAME.key", description = "The private key; NAME.pub must sit next to it.")
        Path key;
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the signed artifact.") Path out;
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PolicyArtifact a = PolicyArtifact.parse(Files.readAllBytes(artifact), artifact.toString());
            Path pub = key.resolveSibling(key.getFileName().toString().replaceFirst("\\.key$", "") + ".pub");
            SignedPolicy s = SignedPolicy.sign(a, Keys.readPrivate(key), Keys.readPublic(pub));
            Files.writeString(out, s.text(), StandardCharsets.UTF_8);
            spec.commandLine().getOut().printf("wrote %s: version %d signed by key %s%n", out, a.version(), s.keyId());
            return 0;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check a signed artifact: its signature over its bytes, the key, and a version floor.")
    static final class Verify implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "SIGNED", description = "The signed artifact to check.") Path file;
        @Option(names = "--key", required = true, paramLabel = "NAME.pub", description = "The public key the signature must verify with.") Path key;
        @Option(names = "--min-version", defaultValue = "1", paramLabel = "N",
                description = "Refuse an artifact older than this version (default: ${DEFAULT-VALUE}).") long minVersion;
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PolicyArtifact a = SignedPolicy.read(Files.readAllBytes(file), file.toString())
                    .verify(Keys.readPublic(key), minVersion, file.toString());
            spec.commandLine().getOut().printf("ok: version %d of %s for %s, signed by the trusted key%n", a.version(), a.scenario(), a.board());
            return 0;
        }
    }

    @Command(name = "diff", mixinStandardHelpOptions = true, description = "What differs between two artifacts (signed or not).")
    static final class Diff implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "A", description = "The first artifact.") Path a;
        @Parameters(index = "1", paramLabel = "B", description = "The second artifact.") Path b;
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            List<String> d = new ArrayList<>(PolicyDiff.of(PolicyDiff.load(a), PolicyDiff.load(b)));
            d.forEach(spec.commandLine().getOut()::println);
            spec.commandLine().getOut().printf("%d difference(s)%n", d.size());
            return 0;
        }
    }
}

package dev.vpndiag.cli;

import dev.vpndiag.api.CatalogueEntry;
import dev.vpndiag.api.Diagnosis;
import dev.vpndiag.api.DiagnosticEngine;
import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.EvidenceBundle;
import dev.vpndiag.api.FactExtraction;
import dev.vpndiag.api.Problem;
import dev.vpndiag.api.Side;
import dev.vpndiag.core.BundleReader;
import dev.vpndiag.core.Json;
import dev.vpndiag.core.VpnDiag;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** The {@code vpndiag} command: diagnose, facts, rules. */
@Command(name = "vpndiag", mixinStandardHelpOptions = true, version = "vpndiag 0.1.0",
        description = "Diagnoses failed L2TP/IPsec VPN connections from the evidence people collect.",
        subcommands = {VpnDiagCli.DiagnoseCommand.class, VpnDiagCli.FactsCommand.class, VpnDiagCli.RulesCommand.class},
        exitCodeOnInvalidInput = VpnDiagCli.USAGE)
public final class VpnDiagCli implements Callable<Integer> {
    /** A diagnosis was produced, whatever it found. */
    static final int OK = 0;
    /** The command line was wrong. */
    static final int USAGE = 2;
    /** Nothing at all in the evidence could be read. */
    static final int NOTHING_READABLE = 3;
    /** The run's time limit passed before a diagnosis was made. */
    static final int TIME_LIMIT = 4;
    /** The file name that stands for standard input: a log pasted into the terminal or piped in. */
    static final String STDIN = "-";
    /** Most bytes read from standard input; a larger paste belongs in a file. */
    static final int MAX_STDIN = 256 << 20;
    /** Where standard input comes from; tests replace it. */
    static java.io.InputStream stdin = System.in;

    /** Reads standard input whole, up to {@link #MAX_STDIN} bytes. */
    static byte[] readStdin(CommandLine.Model.CommandSpec spec) {
        try {
            byte[] data = stdin.readNBytes(MAX_STDIN + 1);
            if (data.length > MAX_STDIN) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "standard input holds more than " + (MAX_STDIN >> 20) + " MiB; save it to a file and name the file");
            }
            return data;
        } catch (java.io.IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot read standard input: " + e.getMessage());
        }
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * The engine, built on a background thread from the moment the process starts: loading the rule
     * base and the plugins overlaps with parsing the command line and opening the evidence.
     */
    private static final CompletableFuture<DiagnosticEngine> ENGINE = CompletableFuture.supplyAsync(
            () -> VpnDiag.engineBuilder().build(), runnable -> {
                Thread t = new Thread(runnable, "vpndiag-engine-build");
                t.setDaemon(true);
                t.start();
            });

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** The engine, waiting for the background build if it is still running. */
    static DiagnosticEngine engine() {
        return ENGINE.join();
    }

    /** Runs the command line, printing to the given writers; returns the exit code. */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new VpnDiagCli());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExitCodeExceptionMapper(e -> USAGE);
        // a wrong command line gets one line saying what is wrong and where help is, not the whole usage text
        cl.setParameterExceptionHandler((e, given) -> {
            PrintWriter w = e.getCommandLine().getErr();
            w.println("vpndiag: " + e.getMessage());
            w.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more.");
            w.flush();
            return USAGE;
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }

    /** Options shared by the commands that read evidence. */
    static class EvidenceOptions {
        @Option(names = "--client", paramLabel = "FILE", description = "Evidence collected on the client (file, folder, archive, or - for standard input).")
        List<Path> client = new ArrayList<>();

        @Option(names = "--server", paramLabel = "FILE", description = "Evidence collected on the server (file, folder, archive, or - for standard input).")
        List<Path> server = new ArrayList<>();

        @Parameters(paramLabel = "FILE|DIR|ARCHIVE|-", description = "Evidence; the side comes from bundle.json or the path names"
                + " (client*, server*). '-' reads a pasted log from standard input.")
        List<Path> files = new ArrayList<>();

        @Option(names = "--password", paramLabel = "FILE[=PASSWORD]",
                description = "Password of a protected certificate store (PKCS#12/PFX, JKS) among the evidence, by its "
                        + "file name or path; without =PASSWORD it is asked for on the terminal. Repeatable.")
        List<String> passwords = new ArrayList<>();

        EvidenceBundle bundle(CommandLine.Model.CommandSpec spec) {
            BundleReader reader = new BundleReader();
            EvidenceBundle.Builder b = EvidenceBundle.builder();
            boolean[] stdinUsed = {false};
            java.util.function.BiConsumer<Path, Side> add = (p, side) -> {
                if (p.toString().equals(STDIN)) {
                    if (stdinUsed[0]) {
                        throw new CommandLine.ParameterException(spec.commandLine(), "standard input (-) can be named only once");
                    }
                    stdinUsed[0] = true;
                    Evidence pasted = Evidence.bytes("stdin", readStdin(spec));
                    b.add(side == null ? pasted : pasted.withSide(side));
                } else if (!java.nio.file.Files.exists(p)) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "no such file or folder: " + p);
                } else {
                    b.addAll(reader.open(p, side));
                }
            };
            client.forEach(p -> add.accept(p, Side.CLIENT));
            server.forEach(p -> add.accept(p, Side.SERVER));
            files.forEach(p -> add.accept(p, null));
            return withPasswords(b.build(), spec);
        }

        /** The bundle with each --password given to the evidence it names; naming no evidence is a usage error. */
        private EvidenceBundle withPasswords(EvidenceBundle bundle, CommandLine.Model.CommandSpec spec) {
            if (passwords.isEmpty()) {
                return bundle;
            }
            List<Evidence> items = new ArrayList<>(bundle.items());
            for (String given : passwords) {
                int eq = given.indexOf('=');
                String name = (eq < 0 ? given : given.substring(0, eq)).replace('\\', '/');
                List<Integer> named = new ArrayList<>();
                for (int i = 0; i < items.size(); i++) {
                    String item = items.get(i).name().replace('\\', '/');
                    if (item.equals(name) || item.endsWith("/" + name) || name.endsWith("/" + item)) {
                        named.add(i);
                    }
                }
                if (named.isEmpty()) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--password names no evidence file: " + name);
                }
                char[] password;
                if (eq >= 0) {
                    password = given.substring(eq + 1).toCharArray();
                } else if (System.console() != null) {
                    password = System.console().readPassword("Password of %s: ", name);
                } else {
                    throw new CommandLine.ParameterException(spec.commandLine(), "no terminal to ask the password of " + name
                            + " on; give --password " + name + "=PASSWORD");
                }
                for (int i : named) {
                    items.set(i, items.get(i).withPassword(password == null ? new char[0] : password));
                }
            }
            EvidenceBundle.Builder out = EvidenceBundle.builder();
            items.forEach(out::add);
            bundle.problems().forEach(out::problem);
            return out.build();
        }

        boolean isEmpty() {
            return client.isEmpty() && server.isEmpty() && files.isEmpty();
        }
    }

    /** True when no evidence item could be read at all. */
    static boolean nothingReadable(EvidenceBundle bundle, int facts, List<Problem> problems) {
        if (facts > 0) {
            return false;
        }
        Set<String> failed = new HashSet<>();
        problems.forEach(p -> failed.add(p.source()));
        return bundle.items().stream().map(Evidence::name).allMatch(failed::contains);
    }

    @Command(name = "diagnose", mixinStandardHelpOptions = true,
            description = "Diagnoses one connection attempt: layer by layer, ranked causes, what to do, what to collect next.",
            footer = {"",
                "Evidence is recognised by content, not by name:",
                "  packet captures (pcap, pcapng);",
                "  Windows event logs (EVTX, wevtutil XML or text, Event Viewer CSV/TXT)",
                "    and pasted Windows text (error dialogs, General tab, Get-WinEvent);",
                "  strongSwan, libreswan, xl2tpd and pppd logs (file, syslog, journalctl,",
                "    OpenWrt logread, NetworkManager, macOS ppp.log, pasted with quotes),",
                "    ipsec statusall, swanctl --list-sas;",
                "  certificate stores (PEM, DER, PKCS#7, PKCS#12, JKS, certutil dumps);",
                "  netsh, PowerShell, ethtool, registry, service and VPN config outputs;",
                "  facts.jsonl.",
                "Text may be UTF-8, UTF-16 or a single-byte code page. Archives (zip, tar,",
                "tar.gz, and .gz files such as charon.log.1.gz) are read in place, also",
                "inside one another (a case zip holding client.zip and server.zip).",
                "A text that mixes programs is read by every reader that claims it.",
                "",
                "Sides come from --client/--server, a bundle.json in a folder or archive",
                "(sides, hosts, clock offsets, passwords) or the path names (client*,",
                "server*); a log without a side gets the one its own words show.",
                "",
                "Exit codes: 0 a diagnosis was produced (whatever it found),",
                "            2 usage error, 3 nothing in the evidence was readable,",
                "            4 the --time-limit passed first.",
                "",
                "Examples:",
                "  vpndiag diagnose samples/real-esp-blocked",
                "  vpndiag diagnose --client laptop.evtx --server gateway-charon.log",
                "  xclip -o | vpndiag diagnose -"})
    static final class DiagnoseCommand implements Callable<Integer> {
        @CommandLine.Mixin
        EvidenceHolder holder;

        @Option(names = "--json", description = "Print the diagnosis as one JSON document.")
        boolean json;

        @Option(names = "--attempt", paramLabel = "ID|ADDRESS",
                description = "When the evidence holds several connection attempts, diagnose this one "
                        + "(an id such as attempt-2, or a peer address). Default: a failed one.")
        String attempt;

        @Option(names = {"-q", "--quiet"}, description = "No progress line while reading (it is shown only on a terminal anyway).")
        boolean quiet;

        @Option(names = "--time-limit", paramLabel = "SECONDS",
                description = "Give up after this many seconds (decimals allowed) with exit code 4. Default: no limit.")
        double timeLimit;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (timeLimit < 0 || Double.isNaN(timeLimit)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--time-limit must be a number of seconds, not " + timeLimit);
            }
            EvidenceBundle bundle = holder.bundle(spec);
            PrintWriter err = spec.commandLine().getErr();
            TerminalProgress progress = new TerminalProgress(err, !quiet && System.console() != null, bundle.items().size(),
                    Math.round(timeLimit * 1e9));
            ReadRecord read = new ReadRecord(progress);
            Diagnosis d;
            try {
                d = engine().diagnose(bundle, attempt, read);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            } catch (java.util.concurrent.CancellationException e) {
                progress.clear();
                err.println("vpndiag: the time limit of " + timeLimit + " s passed"
                        + (progress.current().isEmpty() ? "" : " while reading " + progress.current()) + "; no diagnosis was made");
                err.flush();
                return TIME_LIMIT;
            } finally {
                progress.clear();
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.diagnosis(d));
            } else {
                new Report(out).print(d, read);
            }
            out.flush();
            return nothingReadable(bundle, d.stats().facts(), d.problems()) ? NOTHING_READABLE : OK;
        }
    }

    @Command(name = "facts", mixinStandardHelpOptions = true,
            description = "Prints the facts each provider extracted, without judging them.")
    static final class FactsCommand implements Callable<Integer> {
        @CommandLine.Mixin
        EvidenceHolder holder;

        @Option(names = "--json", description = "One JSON object per fact and line (the facts.jsonl form).")
        boolean json;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            EvidenceBundle bundle = holder.bundle(spec);
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            ReadRecord read = new ReadRecord(new TerminalProgress(err, System.console() != null, bundle.items().size(), 0));
            FactExtraction x = engine().extractFacts(bundle, read);
            read.progress().clear();
            x.facts().forEach(f -> out.println(json ? Json.fact(f) : FactText.line(f)));
            if (!x.problems().isEmpty()) {
                err.println("Problems reading the evidence");
                Report.printProblems(err, x.problems());
            }
            if (!json) {
                // what each file gave, also when it gave nothing: an event log without VPN events is read, not unreadable
                read.print(out, x.problems());
            }
            out.flush();
            return nothingReadable(bundle, x.facts().size(), x.problems()) ? NOTHING_READABLE : OK;
        }
    }

    @Command(name = "rules", mixinStandardHelpOptions = true,
            description = "Lists the catalogue: id, layer, title; with an id, that entry in full.")
    static final class RulesCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "ID", arity = "0..1", description = "A catalogue id, such as ESP_BLOCKED.")
        String id;

        @Option(names = "--json", description = "The catalogue (or the entry) as JSON.")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            List<CatalogueEntry> entries = engine().catalogue().stream()
                    .filter(e -> id == null || e.id().equalsIgnoreCase(id)).toList();
            if (entries.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "no catalogue entry " + id
                        + " (vpndiag rules lists them)");
            }
            if (json) {
                com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
                try {
                    out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(id == null ? entries : entries.get(0)));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            } else if (id == null) {
                for (CatalogueEntry e : entries) {
                    out.printf("%-28s %-15s %s%n", e.id(), e.layer() == null ? "(finding)" : e.layer(), e.title());
                }
            } else {
                CatalogueEntry e = entries.get(0);
                out.println(e.id() + ": " + e.title());
                out.println("  layer: " + (e.layer() == null ? "(a finding about the evidence)" : e.layer())
                        + (e.failsAtLayers().isEmpty() ? "" : "; makes the chain fail at " + e.failsAtLayers()));
                out.println("  " + e.description());
                if (!e.decisiveEvidence().isBlank()) {
                    out.println("  decisive evidence: " + e.decisiveEvidence());
                }
                for (int i = 0; i < e.remediation().size(); i++) {
                    out.println("  do " + (i + 1) + ". " + e.remediation().get(i));
                }
                e.references().forEach(r -> out.println("  read: " + r));
            }
            out.flush();
            return OK;
        }
    }

    /** Holds the evidence options as a mixin so every command spells them the same way. */
    static final class EvidenceHolder {
        @CommandLine.ArgGroup(exclusive = false, multiplicity = "0..1")
        EvidenceOptions evidence = new EvidenceOptions();

        /** The bundle the options name; a usage error when they name nothing. */
        EvidenceBundle bundle(CommandLine.Model.CommandSpec spec) {
            if (evidence == null || evidence.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "no evidence given");
            }
            return evidence.bundle(spec);
        }
    }
}

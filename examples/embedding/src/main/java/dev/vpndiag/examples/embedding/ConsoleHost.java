package dev.vpndiag.examples.embedding;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vpndiag.api.Diagnosis;
import dev.vpndiag.api.DiagnosticEngine;
import dev.vpndiag.core.Json;
import dev.vpndiag.core.VpnDiag;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * How a management console embeds vpndiag: build one engine at start-up, then diagnose the cases
 * support engineers upload, several at a time, and store the JSON. Usage:
 * {@code ConsoleHost CASES_FOLDER [THREADS]}, where every sub-folder (or zip) of CASES_FOLDER is one
 * case; prints one JSON array of {"case": ..., "diagnosis": {...}} to stdout.
 */
public final class ConsoleHost {
    private final DiagnosticEngine engine;
    private final int threads;

    /** Builds the engine once; it is thread-safe and meant to live as long as the host. */
    public ConsoleHost(int threads) {
        this.engine = VpnDiag.engineBuilder().build();
        this.threads = threads;
    }

    /** Diagnoses every case in parallel and returns the JSON array, in the order of the cases. */
    public ArrayNode diagnoseAll(List<Path> cases) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Diagnosis>> futures = new ArrayList<>();
            for (Path c : cases) {
                futures.add(pool.submit(() -> engine.diagnose(VpnDiag.openBundle(c))));
            }
            ObjectMapper mapper = new ObjectMapper();
            ArrayNode out = mapper.createArrayNode();
            for (int i = 0; i < cases.size(); i++) {
                ObjectNode entry = out.addObject();
                entry.put("case", cases.get(i).getFileName().toString());
                entry.set("diagnosis", Json.diagnosisTree(futures.get(i).get()));
            }
            return out;
        } finally {
            pool.shutdown();
        }
    }

    /** The cases of a folder: its sub-folders and zip files, sorted by name. */
    public static List<Path> casesIn(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> Files.isDirectory(p) || p.toString().endsWith(".zip")).sorted().toList();
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: ConsoleHost CASES_FOLDER [THREADS]");
            System.exit(2);
        }
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        ArrayNode result = new ConsoleHost(threads).diagnoseAll(casesIn(Path.of(args[0])));
        PrintStream out = System.out;
        out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }
}

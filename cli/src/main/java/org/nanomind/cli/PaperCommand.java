package org.nanomind.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.nanomind.scenarios.PaperTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code nanomind paper}: the paper's figures P1-P9 against the built-in scenarios, with the reasons they differ. */
@Command(name = "paper", mixinStandardHelpOptions = true,
        description = {"The paper's figures P1-P9 next to the twin's, with the reasons they differ.",
                "Runs the built-in scenarios and sets each figure of paper-targets.md next to the twin's, with a verdict",
                "and, where they differ, the reason the runs give."})
final class PaperCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        o.println("running cascade, vlm-camera, compare-llamacpp, vlm-latency and llamacpp-offload ...");
        o.flush();
        PaperTable.Result r = PaperTable.build();
        o.printf("%-4s %-50s %10s %10s %7s  %-10s%n", "id", "figure", "paper", "twin", "ratio", "verdict");
        for (PaperTable.Row row : r.rows()) {
            o.printf("%-4s %-50s %10s %10s %7s  %-10s%n", row.id(), row.figure(), row.paper(), row.twin(), row.ratio(), row.verdict());
            o.printf("     %s%n", row.why());
        }
        o.printf("%nTable 1 (P9), paper / twin:%n%-20s %4s %13s %17s %13s%n", "model", "ngl", "CPU %", "memory MB", "GPU %");
        for (PaperTable.OffloadRow t : r.table1()) {
            o.printf("%-20s %4d %6.0f / %4.0f %8.0f / %6.0f %6.0f / %4.0f%n", t.model(), t.gpuLayers(), t.cpuPaper(), t.cpuTwin(),
                    t.memoryPaperMb(), t.memoryTwinMb(), t.gpuPaper(), t.gpuTwin());
        }
        return 0;
    }
}

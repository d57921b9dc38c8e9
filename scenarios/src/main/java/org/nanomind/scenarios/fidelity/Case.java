package org.nanomind.scenarios.fidelity;

import java.util.List;
import org.nanomind.soc.Platform;
import org.nanomind.soc.cost.Board;
import org.nanomind.soc.cost.Lowering;

/** What the twin does with one measurement: run it, or say why it cannot. */
public sealed interface Case {
    Measurement m();

    /**
     * A single inference of a graph on a runtime: {@code group} is the model family (a model and its INT8
     * twin are one), the unit of cross-validation; {@code steps} are the placed operators.
     */
    record Inference(Measurement m, String group, String runtime, String precision, Board board, Platform onBoard,
                     List<Lowering.Placed> steps, double measuredSeconds) implements Case {
    }

    /** A large memcpy (or memset) by one core: bandwidth from the DRAM model and the core's copy rate. */
    record Memory(Measurement m, boolean copy, Board board, Platform onBoard) implements Case {
    }

    /** A row the twin cannot express, with the reason. */
    record NotExpressible(Measurement m, String reason) implements Case {
    }
}

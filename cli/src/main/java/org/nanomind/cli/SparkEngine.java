package org.nanomind.cli;

import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import org.nanomind.scenarios.Sweep;
import org.nanomind.scenarios.SweepRun;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The Spark engine of `nanomind sweep`, found at run time: Spark's 135 jars stay out of nanomind.jar, in
 * the sweep-spark module, which the launcher puts on the class path for {@code --engine spark}.
 */
final class SparkEngine {
    static final String CLASS = "org.nanomind.spark.SparkSweep";

    private SparkEngine() {
    }

    static SweepRun.Result run(Sweep sw, Path out, String master, CommandSpec spec) throws Exception {
        if (master == null) {
            throw new ParameterException(spec.commandLine(), "--engine spark needs --master URL (local[2], spark://host:7077, ...)");
        }
        Class<?> c;
        try {
            c = Class.forName(CLASS);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the Spark engine is not on the class path: build it (./mvnw -pl sweep-spark -am"
                    + " package) and run ./nanomind, which adds it for --engine spark; or use spark-submit (docs/sweeps.md)");
        }
        try {
            return (SweepRun.Result) c.getMethod("run", Sweep.class, Path.class, String.class).invoke(null, sw, out, master);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception x ? x : new IllegalStateException(e.getCause());
        }
    }
}

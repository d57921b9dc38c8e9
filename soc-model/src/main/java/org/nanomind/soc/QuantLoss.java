package org.nanomind.soc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a decoder's quantization costs in answer quality, from a published table: the mean KL divergence of
 * its token distributions from FP16's, and its perplexity increase. The one table the project has is
 * llama.cpp's LLaMA 3 8B scoreboard (resources org/nanomind/soc/accuracy/llama3-8b.csv, with its source);
 * rows quantized without an importance matrix, as a plain llama-quantize does.
 *
 * <p>A quantization the table names (F16, Q8_0, Q6_K, Q4_0, the K-quant mixtures) is matched exactly; a
 * plain K type in every tensor (Q4_K, Q5_K), which llama.cpp does not ship, takes the mixture built mostly
 * of it (Q4_K_S, Q5_K_S) and says so; anything else (F32, INT8) has no loss: empty, with the reason.
 */
public record QuantLoss(String quantization, String row, double kld, double deltaPpl, String table, String match) {
    /** The table's name and the source it comes from, for the summary. */
    public static final String TABLE = "llama3-8b";
    public static final String SOURCE = "llama.cpp tools/perplexity/README.md, LLaMA 3 8b Scoreboard (commit de3ff815, revision f364eb6f,"
            + " Wikitext-2), without importance matrix";

    /** Plain K types in every tensor: the llama.cpp mixture mostly of that type, the nearest row. */
    private static final Map<String, String> NEAREST = Map.of("Q4_K", "Q4_K_S", "Q5_K", "Q5_K_S");

    private static final Map<String, double[]> ROWS = read();

    /** The loss of {@code quantization} (a scenario's name for it), or empty if no row matches it. */
    public static Optional<QuantLoss> of(String quantization) {
        String q = quantization.toUpperCase(Locale.ROOT);
        String row = NEAREST.getOrDefault(q, q);
        double[] r = ROWS.get(row);
        if (r == null) {
            return Optional.empty();
        }
        String match = row.equals(q) ? "exact" : "nearest: " + q + " in every tensor is not a llama.cpp file type; "
                + row + " is the mixture mostly of " + q;
        if (q.equals("Q4_0") || q.equals("Q2_K")) {
            match = "llama.cpp's " + q + " file type, which keeps a few tensors (the output) at a higher type than the brick's "
                    + "uniform " + q + ": the brick loses somewhat more";
        }
        return Optional.of(new QuantLoss(q, row, r[0], r[1], TABLE, match));
    }

    /** Why a quantization has no loss in the table. */
    public static String noRow(String quantization) {
        return switch (quantization.toUpperCase(Locale.ROOT)) {
            case "F32" -> "F32 is finer than the FP16 the table measures against; no published loss";
            default -> "no row for " + quantization + " in the " + TABLE + " table";
        };
    }

    /** quantization (upper case) -> {kld, delta_ppl}, from the rows without an importance matrix. */
    private static Map<String, double[]> read() {
        try (InputStream in = QuantLoss.class.getResourceAsStream("accuracy/" + TABLE + ".csv")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            Map<String, double[]> rows = new LinkedHashMap<>();
            String[] header = null;
            for (String line : lines) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] c = line.strip().split(",");
                if (header == null) {
                    header = c;
                    continue;
                }
                if (c[column(header, "imatrix")].equals("None")) {
                    rows.put(c[0].toUpperCase(Locale.ROOT), new double[] {Double.parseDouble(c[column(header, "kld")]),
                            Double.parseDouble(c[column(header, "delta_ppl")])});
                }
            }
            return rows;
        } catch (IOException | RuntimeException e) {
            throw new UncheckedIOException(new IOException("the accuracy table " + TABLE + ".csv is missing or unreadable", e));
        }
    }

    private static int column(String[] header, String name) {
        for (int i = 0; i < header.length; i++) {
            if (header[i].equals(name)) {
                return i;
            }
        }
        throw new IllegalStateException("the accuracy table has no column '" + name + "'");
    }
}

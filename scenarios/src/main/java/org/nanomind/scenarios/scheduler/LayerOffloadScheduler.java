package org.nanomind.scenarios.scheduler;

import java.util.Map;
import java.util.Set;

/**
 * llama.cpp's layer offload as a placement the scheduler makes: before the first event it puts {@code gpu_layers} of
 * every decoder on a CPU cluster on the GPU (the rest stay on the cluster's threads), then answers events one at a
 * time in order of arrival, as on-demand does ({@code resident: 1}: as resident does, the modules loaded once). The
 * same run as a brick's {@code gpu_layers: N} field (LayerOffloadSchedulerTest).
 */
public final class LayerOffloadScheduler implements Scheduler {
    private final int gpuLayers;
    private final Scheduler order;

    LayerOffloadScheduler(int gpuLayers, boolean resident) {
        this.gpuLayers = gpuLayers;
        this.order = (resident ? Fifo.Provider.RESIDENT : Fifo.Provider.ON_DEMAND).create(Map.of());
    }

    @Override
    public void begins(Board board, Runnable ready) {
        boolean any = false;
        for (Placement p : board.placement()) {
            if (p.offloadable()) {
                board.offload(p.brick(), gpuLayers);
                any = true;
            }
        }
        if (!any) {
            throw new IllegalStateException("layer-offload needs a decoder on a CPU cluster; the bricks: " + board.placement());
        }
        order.begins(board, ready);
    }

    @Override
    public void arrived(Board board, Event e) {
        order.arrived(board, e);
    }

    @Override
    public void finished(Board board, Event e, boolean answered) {
        order.finished(board, e, answered);
    }

    /** {@code scheduler: {name: layer-offload, params: {gpu_layers: N, resident: 0 or 1}}}, N a whole number >= 0. */
    public record Provider() implements SchedulerProvider {
        @Override
        public String name() {
            return "layer-offload";
        }

        @Override
        public Set<String> parameters() {
            return Set.of("gpu_layers", "resident");
        }

        @Override
        public Scheduler create(Map<String, Double> params) {
            double n = params.getOrDefault("gpu_layers", 0.0);
            if (!(n >= 0 && n == Math.rint(n) && n <= 1000)) {
                throw new IllegalArgumentException("gpu_layers must be a whole number from 0 to 1000, got " + n);
            }
            double resident = params.getOrDefault("resident", 0.0);
            if (resident != 0 && resident != 1) {
                throw new IllegalArgumentException("resident is 0 (on-demand) or 1 (loaded once), got " + resident);
            }
            return new LayerOffloadScheduler((int) n, resident == 1);
        }
    }
}

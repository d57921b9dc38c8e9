package org.nanomind.scenarios;

import java.util.ArrayList;
import java.util.List;
import org.nanomind.power.EnergyLedger;
import org.nanomind.scenarios.scheduler.Scheduler;
import org.nanomind.sim.Simulation;
import org.nanomind.soc.Brick;
import org.nanomind.soc.Cascade;
import org.nanomind.soc.OpRecord;
import org.nanomind.soc.Soc;

/**
 * The events of a run, as its scheduler decides them: arrivals go to the scheduler, and what it starts runs the
 * cascade (one event at a time, the modules being one set), answered or failed, logged, then reported back to it.
 * The run stops after the scenario's event count.
 */
final class EventLoop implements Scheduler.Board {
    private final Simulation sim;
    private final EnergyLedger ledger;
    private final Soc soc;
    private final Cascade cascade;
    private final Outputs outputs;
    private final Answers answers;
    private final Brick.Request request;
    private final int untilEvents;
    private final Scheduler scheduler;
    private final List<String> failures;
    private final Scheduler.Camera camera;
    private boolean busy;
    private int arrived;
    private int finished;

    EventLoop(Simulation sim, EnergyLedger ledger, Soc soc, Cascade cascade, Outputs outputs, Answers answers, Brick.Request request,
              int untilEvents, Scheduler scheduler, List<String> failures, Scheduler.Camera camera) {
        this.sim = sim;
        this.ledger = ledger;
        this.soc = soc;
        this.cascade = cascade;
        this.outputs = outputs;
        this.answers = answers;
        this.request = request;
        this.untilEvents = untilEvents;
        this.scheduler = scheduler;
        this.failures = failures;
        this.camera = camera;
    }

    /** The run begins: the scheduler loads what it keeps, then {@code arrivals} start. */
    void begin(Runnable arrivals) {
        scheduler.begins(this, arrivals);
    }

    /** A PMU sample: the scheduler sees it first, then the run's series records it with the scheduler's state. */
    void sampled(org.nanomind.power.PmuSample s) {
        scheduler.sampled(this, new Scheduler.Sample(s.time(), s.soc(), s.totalWatts()));
        outputs.sample(s, soc.memory().used(), scheduler.state());
    }

    /** An event arrives now. */
    void arrive() {
        scheduler.arrived(this, new Scheduler.Event(++arrived, sim.now()));
    }

    int finished() {
        return finished;
    }

    @Override
    public double now() {
        return sim.now();
    }

    @Override
    public boolean busy() {
        return busy;
    }

    @Override
    public double stateOfCharge() {
        return ledger.battery().soc();
    }

    @Override
    public boolean batteryEmpty() {
        return ledger.battery().isEmpty();
    }

    @Override
    public void after(double seconds, Runnable action) {
        sim.schedule(seconds, action);
    }

    @Override
    public java.util.Optional<Scheduler.Camera> camera() {
        return java.util.Optional.ofNullable(camera);
    }

    @Override
    public void requestOpp(String unit, double hz) {
        soc.setOpp(unit, soc.platform().opps(unit).atMost(hz));
    }

    @Override
    public double topHz(String unit) {
        return soc.platform().opps(unit).highest().hz();
    }

    @Override
    public List<Scheduler.Placement> placement() {
        return cascade.stages().stream().map(st -> new Scheduler.Placement(st.brick().name(), st.unit(),
                st.brick() instanceof org.nanomind.soc.DecoderBrick
                        && soc.platform().unit(st.unit()).kind() == org.nanomind.soc.ComputeUnit.Kind.CPU)).toList();
    }

    @Override
    public void offload(String brick, int gpuLayers) {
        if (busy) {
            throw new IllegalStateException("the scheduler moved " + brick + "'s layers while an event was being answered");
        }
        cascade.offload(brick, gpuLayers);
    }

    @Override
    public void preload(Runnable then) {
        cascade.preload(failure -> {
            if (failure != null) {
                failures.add("preload: " + failure);
                sim.stop();
            } else {
                then.run();
            }
        });
    }

    @Override
    public void release() {
        if (busy) {
            throw new IllegalStateException("the scheduler released the modules while an event was being answered");
        }
        cascade.release();
    }

    @Override
    public void drop(Scheduler.Event e, String reason) {
        failures.add("event " + e.id() + " (arrived at " + e.arrivedSeconds() + " s) dropped by the scheduler: " + reason);
    }

    @Override
    public void start(Scheduler.Event e) {
        if (busy) {
            throw new IllegalStateException("the scheduler started event " + e.id() + " while another was being answered");
        }
        busy = true;
        QueryLog log = outputs.queries();
        List<OpRecord> ops = new ArrayList<>();
        if (log != null && log.wantsTimeline()) {
            soc.onOperation(ops::add);
        }
        cascade.trigger(r -> {
            busy = false;
            soc.onOperation(null);
            if (r.failure() != null) {
                failures.add(r.failure());
            } else {
                answers.add(r, e.arrivedSeconds(), request.answerTokens());
                if (log != null && log.wantsTimeline()) {
                    log.timeline(ops, r.start());
                }
            }
            if (log != null) {
                log.event(r, e.arrivedSeconds());
            }
            if (++finished == untilEvents) {
                sim.stop();
            }
            scheduler.finished(this, e, r.failure() == null);
        });
    }
}

package org.nanomind.soc;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The Token-Aware Buffer Manager: a ring of equal slots in unified DRAM through which a producer (the NPU
 * encoder) hands tensors to a consumer (the GPU decoder) without copying. A slot moves FREE ->
 * ALLOCATED_FOR_WRITE -> READY_TO_READ -> ALLOCATED_FOR_READ -> FREE; any other move is refused. Slots
 * are read in the order they were committed.
 */
public final class Tabm {
    public enum State { FREE, ALLOCATED_FOR_WRITE, READY_TO_READ, ALLOCATED_FOR_READ }

    private final State[] states;
    private final long slotBytes;
    private final ArrayDeque<Integer> ready = new ArrayDeque<>();
    private int next;

    public Tabm(int slots, long slotBytes) {
        if (slots < 1 || slotBytes < 1) {
            throw new IllegalArgumentException("TABM needs at least one slot of at least one byte");
        }
        this.states = new State[slots];
        Arrays.fill(states, State.FREE);
        this.slotBytes = slotBytes;
    }

    public int slots() {
        return states.length;
    }

    public long slotBytes() {
        return slotBytes;
    }

    /** Bytes the pool holds in DRAM. */
    public long poolBytes() {
        return slotBytes * states.length;
    }

    public State state(int slot) {
        return states[slot];
    }

    /** A free slot for the producer to write, searched round the ring from the last one; -1 if none is free. */
    public int acquireWrite() {
        for (int i = 0; i < states.length; i++) {
            int s = (next + i) % states.length;
            if (states[s] == State.FREE) {
                states[s] = State.ALLOCATED_FOR_WRITE;
                next = (s + 1) % states.length;
                return s;
            }
        }
        return -1;
    }

    /** The producer has written {@code slot}: it becomes readable. */
    public void commit(int slot) {
        move(slot, State.ALLOCATED_FOR_WRITE, State.READY_TO_READ);
        ready.add(slot);
    }

    /** The oldest readable slot, bound by the consumer as its input; -1 if none is ready. */
    public int acquireRead() {
        Integer s = ready.poll();
        if (s == null) {
            return -1;
        }
        move(s, State.READY_TO_READ, State.ALLOCATED_FOR_READ);
        return s;
    }

    /** The consumer is done with {@code slot}: it is free again. */
    public void release(int slot) {
        move(slot, State.ALLOCATED_FOR_READ, State.FREE);
    }

    private void move(int slot, State from, State to) {
        if (slot < 0 || slot >= states.length) {
            throw new IllegalStateException("TABM has no slot " + slot);
        }
        if (states[slot] != from) {
            throw new IllegalStateException("TABM slot " + slot + " is " + states[slot] + ", not " + from + ": cannot move to " + to);
        }
        states[slot] = to;
    }
}

package org.nanomind.sim;

import java.util.Arrays;

/**
 * An indexed binary min-heap of events ordered by (time, seq). Each event knows its heap index, so
 * cancelling and moving an event are O(log n) without searching, and without leaving dead entries
 * behind (the fluid model moves its completion event on every rate change).
 */
final class EventQueue {
    private Event[] heap = new Event[64];
    private int size;

    int size() {
        return size;
    }

    Event peek() {
        return size == 0 ? null : heap[0];
    }

    void add(Event e) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        heap[size] = e;
        e.index = size;
        size++;
        siftUp(e.index);
    }

    Event poll() {
        if (size == 0) {
            return null;
        }
        Event top = heap[0];
        removeAt(0);
        return top;
    }

    boolean remove(Event e) {
        int i = e.index;
        if (i < 0 || i >= size || heap[i] != e) {
            return false;
        }
        removeAt(i);
        return true;
    }

    /** Restores heap order after e's key changed in place. */
    void changed(Event e) {
        siftUp(e.index);
        siftDown(e.index);
    }

    private void removeAt(int i) {
        Event removed = heap[i];
        size--;
        Event last = heap[size];
        heap[size] = null;
        removed.index = -1;
        if (i < size) {
            heap[i] = last;
            last.index = i;
            siftUp(i);
            siftDown(last.index);
        }
    }

    private static boolean before(Event a, Event b) {
        return a.time < b.time || (a.time == b.time && a.seq < b.seq);
    }

    private void siftUp(int i) {
        Event e = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Event p = heap[parent];
            if (!before(e, p)) {
                break;
            }
            heap[i] = p;
            p.index = i;
            i = parent;
        }
        heap[i] = e;
        e.index = i;
    }

    private void siftDown(int i) {
        Event e = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            Event c = heap[child];
            int right = child + 1;
            if (right < size && before(heap[right], c)) {
                child = right;
                c = heap[child];
            }
            if (!before(c, e)) {
                break;
            }
            heap[i] = c;
            c.index = i;
            i = child;
        }
        heap[i] = e;
        e.index = i;
    }
}

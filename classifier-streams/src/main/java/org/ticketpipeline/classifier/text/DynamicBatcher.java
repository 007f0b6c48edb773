package org.ticketpipeline.classifier.text;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * Inputs wait in one queue; whenever a worker is free it takes up to {@code maxBatch} of them in one
 * call. Under load the workers are busy, inputs gather while they work, and calls are large (an
 * encoder embeds more texts a second in fewer, larger calls); under a light load an input goes at
 * once, never held back for a batch that would take long to fill. Written by hand: it is a few lines
 * over a queue, and nothing on the classpath batches this way.
 */
public final class DynamicBatcher<T, R> implements AutoCloseable {

    private final Function<List<T>, List<R>> call;
    private final Executor workers;
    private final int parallelism;
    private final int maxBatch;
    private final ArrayDeque<Item<T, R>> queue = new ArrayDeque<>();
    private int running;
    private boolean closed;

    private record Item<T, R>(T input, CompletableFuture<R> result) {
    }

    /**
     * @param call answers a batch of inputs, one result per input in the same order
     * @param parallelism calls that may run at once (the workers' threads)
     */
    public DynamicBatcher(Function<List<T>, List<R>> call, Executor workers, int parallelism, int maxBatch) {
        this.call = call;
        this.workers = workers;
        this.parallelism = Math.max(1, parallelism);
        this.maxBatch = Math.max(1, maxBatch);
    }

    /** The input's result, computed with whatever else is waiting when a worker is free. */
    public CompletableFuture<R> submit(T input) {
        CompletableFuture<R> result = new CompletableFuture<>();
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("the encoder is closed"));
            }
            queue.add(new Item<>(input, result));
        }
        startIfFree();
        return result;
    }

    private void startIfFree() {
        List<Item<T, R>> batch;
        synchronized (this) {
            if (running >= parallelism || queue.isEmpty()) {
                return;
            }
            batch = new ArrayList<>(Math.min(maxBatch, queue.size()));
            while (batch.size() < maxBatch && !queue.isEmpty()) {
                Item<T, R> item = queue.poll();
                if (!item.result().isDone()) { // a caller that gave up (cancelled) needs no answer
                    batch.add(item);
                }
            }
            if (batch.isEmpty()) {
                return;
            }
            running++;
        }
        try {
            workers.execute(() -> run(batch));
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                running--;
            }
            batch.forEach(item -> item.result().completeExceptionally(e));
        }
    }

    private void run(List<Item<T, R>> batch) {
        try {
            answer(batch);
        } catch (Throwable e) {
            if (batch.size() == 1) {
                // the caller learns of it from its result; the worker and the queue go on
                batch.get(0).result().completeExceptionally(e);
            } else {
                // one input's failure should not fail the others: each is tried alone
                for (Item<T, R> item : batch) {
                    if (item.result().isDone()) {
                        continue; // answered before the failure, or given up by its caller
                    }
                    try {
                        answer(List.of(item));
                    } catch (Throwable alone) {
                        item.result().completeExceptionally(alone);
                    }
                }
            }
        } finally {
            synchronized (this) {
                running--;
            }
            startIfFree();
        }
    }

    private void answer(List<Item<T, R>> batch) {
        List<R> results = call.apply(batch.stream().map(Item::input).toList());
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result().complete(results.get(i));
        }
    }

    /** Fails whatever is still waiting and every later input; calls already running finish. */
    @Override
    public void close() {
        List<Item<T, R>> dropped;
        synchronized (this) {
            closed = true;
            dropped = new ArrayList<>(queue);
            queue.clear();
        }
        dropped.forEach(item -> item.result().completeExceptionally(new IllegalStateException("the encoder is closed")));
    }
}

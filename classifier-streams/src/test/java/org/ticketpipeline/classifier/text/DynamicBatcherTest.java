package org.ticketpipeline.classifier.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DynamicBatcherTest {

    private final ExecutorService worker = Executors.newSingleThreadExecutor();
    private final List<List<String>> calls = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstCallMayFinish = new CountDownLatch(1);

    @AfterEach
    void tearDown() {
        worker.shutdownNow();
    }

    /** Upper-cases its batch; the first call waits until the test lets it finish; "boom" fails its batch. */
    private DynamicBatcher<String, String> batcher(int maxBatch) {
        return new DynamicBatcher<>(batch -> {
            calls.add(batch);
            if (calls.size() == 1) {
                await(firstCallMayFinish);
            }
            if (batch.contains("boom")) {
                throw new IllegalStateException("encoder down");
            }
            return batch.stream().map(String::toUpperCase).toList();
        }, worker, 1, maxBatch);
    }

    @Test
    void shouldSendAnInputAtOnceWhenTheWorkerIsFreeAndGatherTheRestWhileItIsBusy() throws Exception {
        DynamicBatcher<String, String> batcher = batcher(3);

        CompletableFuture<String> a = batcher.submit("a");
        List<CompletableFuture<String>> later = List.of(batcher.submit("b"), batcher.submit("c"), batcher.submit("d"), batcher.submit("e"));
        firstCallMayFinish.countDown();

        assertThat(a.get(5, TimeUnit.SECONDS)).isEqualTo("A");
        assertThat(CompletableFuture.allOf(later.toArray(CompletableFuture[]::new)).thenApply(v -> later.stream().map(CompletableFuture::join).toList())
                .get(5, TimeUnit.SECONDS)).containsExactly("B", "C", "D", "E");
        assertThat(calls).as("a alone, then what gathered meanwhile, at most three at a time")
                .containsExactly(List.of("a"), List.of("b", "c", "d"), List.of("e"));
    }

    @Test
    void shouldFailOnlyTheInputThatFailsAndGoOn() throws Exception {
        DynamicBatcher<String, String> batcher = batcher(4);
        CompletableFuture<String> first = batcher.submit("a");
        List<CompletableFuture<String>> batch = List.of(batcher.submit("x"), batcher.submit("boom"), batcher.submit("y"));
        firstCallMayFinish.countDown();
        first.get(5, TimeUnit.SECONDS);

        assertThatThrownBy(() -> batch.get(1).get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).hasMessageContaining("encoder down");
        assertThat(batch.get(0).get(5, TimeUnit.SECONDS)).isEqualTo("X");
        assertThat(batch.get(2).get(5, TimeUnit.SECONDS)).isEqualTo("Y");
        assertThat(batcher.submit("next").get(5, TimeUnit.SECONDS)).isEqualTo("NEXT");
    }

    @Test
    void shouldFailWhatStillWaitsAndWhatComesAfterItIsClosed() throws Exception {
        DynamicBatcher<String, String> batcher = batcher(4);
        CompletableFuture<String> running = batcher.submit("a");
        CompletableFuture<String> waiting = batcher.submit("b");

        batcher.close();
        firstCallMayFinish.countDown();

        assertThat(running.get(5, TimeUnit.SECONDS)).as("a call already running finishes").isEqualTo("A");
        assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS)).hasMessageContaining("closed");
        assertThatThrownBy(() -> batcher.submit("c").get(5, TimeUnit.SECONDS)).hasMessageContaining("closed");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

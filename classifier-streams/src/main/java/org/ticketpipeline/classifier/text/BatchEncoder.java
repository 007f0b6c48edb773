package org.ticketpipeline.classifier.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ticketpipeline.classifier.themes.TextVectors;

/**
 * Sentence embeddings of many short texts at once: texts are cut to a token budget, padded into one
 * batch per worker and run through the encoder in a single ONNX call, then mean- or CLS-pooled and
 * normalised. LangChain4j's model embeds one text per call; batching several tickets per call is what
 * lets a 2-core machine embed more than a thousand tickets a second, so this part is ours. The model
 * and tokenizer are LangChain4j's, shipped in its Maven artifacts.
 */
public final class BatchEncoder implements TextVectors, AutoCloseable {

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean meanPooling;
    private final boolean takesTokenTypes;
    private final int maxTokens;
    private final String encoder;
    private final ExecutorService workers;
    private final int threads;
    private final DynamicBatcher<String, float[]> batcher;

    public BatchEncoder(SentenceEmbedder.Model model, int maxTokens, int threads) {
        this(model, maxTokens, threads, 64);
    }

    /** @param maxBatch texts embedded in one call at most, for {@link #vectorLater} */
    public BatchEncoder(SentenceEmbedder.Model model, int maxTokens, int threads, int maxBatch) {
        this.maxTokens = maxTokens;
        this.encoder = model.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        this.threads = threads;
        this.meanPooling = model == SentenceEmbedder.Model.MINILM;
        try (InputStream onnx = resource(model.onnx); InputStream tok = resource(model.tokenizer)) {
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            this.session = env.createSession(onnx.readAllBytes(), options);
            this.tokenizer = HuggingFaceTokenizer.newInstance(tok, Map.of(
                    "maxLength", String.valueOf(maxTokens), "truncation", "true", "padding", "false"));
            this.takesTokenTypes = session.getInputNames().contains("token_type_ids");
        } catch (IOException | OrtException e) {
            throw new IllegalStateException("cannot load the " + model + " encoder", e);
        }
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "encoder");
            t.setDaemon(true);
            return t;
        });
        this.batcher = new DynamicBatcher<>(this::embedBatchUnchecked, workers, threads, maxBatch);
    }

    @Override
    public String encoder() {
        return encoder;
    }

    private List<float[]> embedBatchUnchecked(List<String> texts) {
        try {
            return embedBatch(texts);
        } catch (OrtException e) {
            throw new IllegalStateException("embedding failed: " + e.getMessage(), e);
        }
    }

    public int maxTokens() {
        return maxTokens;
    }

    /** The normalised embedding of one text, computed on the calling thread. */
    @Override
    public float[] vector(String text) {
        try {
            return embedBatch(List.of(text)).get(0);
        } catch (OrtException e) {
            throw new IllegalStateException("embedding failed: " + e.getMessage(), e);
        }
    }

    @Override
    public List<float[]> vectors(List<String> texts) {
        return embed(texts);
    }

    /** The text's embedding, computed on a worker with whatever other texts wait when it is free. */
    @Override
    public java.util.concurrent.CompletableFuture<float[]> vectorLater(String text) {
        return batcher.submit(text);
    }

    /** Normalised embeddings, in the order of the texts, spread over the workers. */
    public List<float[]> embed(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        int chunk = Math.max(1, (texts.size() + threads - 1) / threads);
        List<Future<List<float[]>>> parts = new ArrayList<>();
        for (int from = 0; from < texts.size(); from += chunk) {
            List<String> slice = texts.subList(from, Math.min(texts.size(), from + chunk));
            parts.add(workers.submit(() -> embedBatch(slice)));
        }
        List<float[]> out = new ArrayList<>(texts.size());
        try {
            for (Future<List<float[]>> part : parts) {
                out.addAll(part.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while embedding", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("embedding failed: " + e.getCause(), e.getCause());
        }
        return out;
    }

    /** One ONNX call for a batch: padded to its longest text (at most {@code maxTokens}). */
    List<float[]> embedBatch(List<String> texts) throws OrtException {
        Encoding[] encodings = new Encoding[texts.size()];
        Integer[] order = new Integer[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i) == null || texts.get(i).isBlank() ? "(empty)" : texts.get(i);
            encodings[i] = tokenizer.encode(text.length() > maxTokens * 8 ? text.substring(0, maxTokens * 8) : text, true, false);
            order[i] = i;
        }
        // sub-batches of texts of similar length keep the padding small
        java.util.Arrays.sort(order, java.util.Comparator.comparingInt(i -> encodings[i].getIds().length));
        float[][] out = new float[texts.size()][];
        for (int from = 0; from < order.length; from += BATCH) {
            int to = Math.min(order.length, from + BATCH);
            Encoding[] batch = new Encoding[to - from];
            for (int k = from; k < to; k++) {
                batch[k - from] = encodings[order[k]];
            }
            List<float[]> vectors = run(batch);
            for (int k = from; k < to; k++) {
                out[order[k]] = vectors.get(k - from);
            }
        }
        return java.util.Arrays.asList(out);
    }

    private static final int BATCH = 16;

    private List<float[]> run(Encoding[] encodings) throws OrtException {
        int length = 1;
        for (Encoding e : encodings) {
            length = Math.max(length, e.getIds().length);
        }
        int batch = encodings.length;
        long[] ids = new long[batch * length];
        long[] mask = new long[batch * length];
        for (int i = 0; i < batch; i++) {
            long[] tokenIds = encodings[i].getIds();
            System.arraycopy(tokenIds, 0, ids, i * length, tokenIds.length);
            for (int j = 0; j < tokenIds.length; j++) {
                mask[i * length + j] = 1;
            }
        }
        int padded = length;
        return hiddenStates(env, session, takesTokenTypes, ids, mask, batch, padded, hidden -> {
            int dim = hidden.capacity() / (batch * padded);
            List<float[]> out = new ArrayList<>(batch);
            for (int i = 0; i < batch; i++) {
                out.add(pool(hidden, dim, mask, i, padded));
            }
            return out;
        });
    }

    /**
     * Runs the encoder once on {@code batch} rows of {@code length} token ids (the mask 0 where a row is padded) and
     * hands its last hidden states, row after row, token after token, to {@code read}, while they are still there.
     */
    static <T> T hiddenStates(OrtEnvironment env, OrtSession session, boolean takesTokenTypes, long[] ids, long[] mask, int batch, int length,
                              java.util.function.Function<java.nio.FloatBuffer, T> read) throws OrtException {
        long[] shape = {batch, length};
        try (OnnxTensor inputIds = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
             OnnxTensor attention = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
             OnnxTensor types = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[batch * length]), shape)) {
            Map<String, OnnxTensor> inputs = takesTokenTypes
                    ? Map.of("input_ids", inputIds, "attention_mask", attention, "token_type_ids", types)
                    : Map.of("input_ids", inputIds, "attention_mask", attention);
            try (OrtSession.Result result = session.run(inputs)) {
                return read.apply(((OnnxTensor) result.get(0)).getFloatBuffer());
            }
        }
    }

    private float[] pool(java.nio.FloatBuffer hidden, int dim, long[] mask, int row, int length) {
        float[] v = new float[dim];
        int base = row * length * dim;
        if (meanPooling) {
            int n = 0;
            for (int t = 0; t < length; t++) {
                if (mask[row * length + t] == 1) {
                    n++;
                    for (int d = 0; d < dim; d++) {
                        v[d] += hidden.get(base + t * dim + d);
                    }
                }
            }
            for (int d = 0; d < dim; d++) {
                v[d] /= n;
            }
        } else {
            hidden.get(base, v, 0, dim);
        }
        return toUnitLength(v);
    }

    /** The vector scaled to unit length, in place (so a dot product is the cosine); all zeros stay zeros. */
    static float[] toUnitLength(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        if (norm > 0) {
            float inverse = (float) (1 / Math.sqrt(norm));
            for (int d = 0; d < v.length; d++) {
                v[d] *= inverse;
            }
        }
        return v;
    }

    static InputStream resource(String name) {
        InputStream in = BatchEncoder.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is not on the classpath");
        }
        return in;
    }

    /** Stops taking texts, lets the calls already running finish, then frees the native model. */
    @Override
    public void close() {
        batcher.close();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)) {
                return; // a call still runs: freeing the model under it could crash the JVM, so leave it to the exit
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        tokenizer.close();
        try {
            session.close();
        } catch (OrtException ignored) {
            // closing anyway
        }
    }
}

package org.ticketpipeline.classifier.text;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Sentence embeddings in this JVM: a small BERT encoder shipped inside a LangChain4j Maven artifact
 * (no model is downloaded at run time), run by ONNX Runtime with one intra-op thread per call and one
 * worker per core, which on small machines is faster than ONNX's own threading. Vectors are
 * normalised, so a dot product is the cosine. Thread-safe.
 */
public final class SentenceEmbedder implements AutoCloseable {

    /** The encoders we ship. BGE is the better judge of meaning; MiniLM is faster and cuts at 128 tokens. */
    public enum Model {
        BGE_SMALL("bge-small-en-v1.5-q.onnx", "bge-small-en-v1.5-q-tokenizer.json", PoolingMode.CLS),
        MINILM("all-minilm-l6-v2-q.onnx", "all-minilm-l6-v2-q-tokenizer.json", PoolingMode.MEAN);

        final String onnx;
        final String tokenizer;
        final PoolingMode pooling;

        Model(String onnx, String tokenizer, PoolingMode pooling) {
            this.onnx = onnx;
            this.tokenizer = tokenizer;
            this.pooling = pooling;
        }

        public static Model of(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    /** Characters kept of a text: BGE has no length cut of its own and slows down on long bodies. */
    public static final int MAX_CHARS = 600;

    private final ExecutorService workers;
    private final Encoder encoder;
    private final OrtSession session;

    public SentenceEmbedder(Model model) {
        this(model, Runtime.getRuntime().availableProcessors());
    }

    public SentenceEmbedder(Model model, int workerThreads) {
        this.workers = Executors.newFixedThreadPool(workerThreads, r -> {
            Thread t = new Thread(r, "embedder");
            t.setDaemon(true);
            return t;
        });
        try (InputStream onnx = resource(model.onnx); InputStream tokenizer = resource(model.tokenizer)) {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            this.session = env.createSession(onnx.readAllBytes(), options);
            this.encoder = new Encoder(new OnnxBertBiEncoder(env, session, tokenizer, model.pooling), workers);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the " + model + " model from the classpath", e);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot start ONNX Runtime for " + model, e);
        }
    }

    public float[] embed(String text) {
        return embedAll(List.of(text)).get(0);
    }

    /** Embeddings of many texts, spread over the workers. */
    public List<float[]> embedAll(List<String> texts) {
        List<TextSegment> segments = new ArrayList<>(texts.size());
        for (String text : texts) {
            String clipped = text == null || text.isBlank() ? "(empty)" : text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
            segments.add(TextSegment.from(clipped));
        }
        List<float[]> out = new ArrayList<>(texts.size());
        for (Embedding e : encoder.embedAll(segments).content()) {
            out.add(e.vector());
        }
        return out;
    }

    @Override
    public void close() {
        workers.shutdownNow();
        try {
            session.close();
        } catch (OrtException ignored) {
            // closing: nothing to do about it
        }
    }

    private static InputStream resource(String name) {
        InputStream in = SentenceEmbedder.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is not on the classpath");
        }
        return in;
    }

    /** LangChain4j's batching over our own session and worker pool. */
    private static final class Encoder extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder model;

        Encoder(OnnxBertBiEncoder model, ExecutorService workers) {
            super(workers);
            this.model = model;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return model;
        }
    }
}

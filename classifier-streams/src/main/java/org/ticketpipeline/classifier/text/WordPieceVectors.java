package org.ticketpipeline.classifier.text;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A vector for every word piece of the shipped MiniLM's vocabulary, and a text's vector as the mean of its
 * pieces': what the encoder says of each piece alone, so a text's meaning costs a tokenisation and a sum, not
 * a pass through the encoder, and a long issue is read whole rather than cut at 32 tokens. The idea is
 * Model2Vec's (Tulkens and van Dongen, 2024), which distils a sentence encoder this way; no Maven artifact
 * ships such vectors, and the table is a function of the encoder already shipped, so it is computed here,
 * once per JVM, in a few seconds, rather than kept as a 47 MB resource. Thread-safe.
 *
 * <p>The encoder is int8 with one activation scale per call, so a piece's vector depends on the pieces run
 * with it: the table is always computed in the same batches, and so comes out the same at every start (the
 * kind model's weights for it were learnt on the same table).
 */
public final class WordPieceVectors {

    /** Which table a kind model file was trained on: a different table would meet weights learnt for another. */
    public static final String MINILM = "minilm-l6-v2-q word pieces, mean of [CLS] piece [SEP], centred";

    /** Pieces of a text read at most: a long issue's first 512, as BERT would read it. */
    static final int MAX_PIECES = 512;
    private static final int BATCH = 512;
    private static final long CLS = 101;
    private static final long SEP = 102;

    private final String name;
    private final float[] table;
    private final int vocabulary;
    private final int dimensions;
    private final HuggingFaceTokenizer tokenizer;

    private WordPieceVectors(String name, float[] table, int vocabulary, HuggingFaceTokenizer tokenizer) {
        this.name = name;
        this.table = table;
        this.vocabulary = vocabulary;
        this.dimensions = table.length / vocabulary;
        this.tokenizer = tokenizer;
    }

    /** The table of the shipped MiniLM, computed at the first call (about 4 s on two cores) and kept. */
    public static WordPieceVectors minilm() {
        return MiniLm.VECTORS;
    }

    /** The table named {@code name}, or null when this version has no such table. */
    public static WordPieceVectors named(String name) {
        return MINILM.equals(name) ? minilm() : null;
    }

    private static final class MiniLm {
        static final WordPieceVectors VECTORS = computeMiniLm();
    }

    /** The MiniLM table computed afresh: {@link #minilm} keeps the first. */
    static WordPieceVectors computeMiniLm() {
        return compute(MINILM, SentenceEmbedder.Model.MINILM);
    }

    public String name() {
        return name;
    }

    public int dimensions() {
        return dimensions;
    }

    /** The mean of the text's pieces' vectors, at unit length; all zeros for a text with no piece. */
    public float[] vector(String text) {
        float[] v = new float[dimensions];
        if (text == null || text.isEmpty()) {
            return v;
        }
        // a piece takes a few characters: cutting the text first keeps a 20,000-character body from being tokenised whole
        String head = text.length() > MAX_PIECES * 12 ? text.substring(0, MAX_PIECES * 12) : text;
        long[] ids = tokenizer.encode(head, false, false).getIds();
        int pieces = Math.min(ids.length, MAX_PIECES);
        for (int i = 0; i < pieces; i++) {
            int id = (int) ids[i];
            if (id < 0 || id >= vocabulary) {
                continue;
            }
            int base = id * dimensions;
            for (int d = 0; d < dimensions; d++) {
                v[d] += table[base + d];
            }
        }
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        if (norm > 0) {
            float inverse = (float) (1 / Math.sqrt(norm));
            for (int d = 0; d < dimensions; d++) {
                v[d] *= inverse;
            }
        }
        return v;
    }

    /** Runs every piece of the vocabulary through the encoder as "[CLS] piece [SEP]" and mean-pools, as a sentence is. */
    private static WordPieceVectors compute(String name, SentenceEmbedder.Model model) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (InputStream onnx = BatchEncoder.resource(model.onnx); InputStream tokenizerJson = BatchEncoder.resource(model.tokenizer)) {
            byte[] json = tokenizerJson.readAllBytes();
            // DJL's tokenizer does not say its vocabulary's size; the file does
            int vocabulary = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).path("model").path("vocab").size();
            if (vocabulary == 0) {
                throw new IllegalStateException(model.tokenizer + " lists no vocabulary");
            }
            HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(new java.io.ByteArrayInputStream(json),
                    Map.of("truncation", "false", "padding", "false", "maxLength", String.valueOf(1 << 20)));
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
            try (OrtSession session = env.createSession(onnx.readAllBytes(), options)) {
                boolean takesTokenTypes = session.getInputNames().contains("token_type_ids");
                float[] table = null;
                int dimensions = 0;
                for (int from = 0; from < vocabulary; from += BATCH) {
                    int batch = Math.min(BATCH, vocabulary - from);
                    float[] pooled = pooledBatch(env, session, takesTokenTypes, from, batch);
                    if (table == null) {
                        dimensions = pooled.length / batch;
                        table = new float[vocabulary * dimensions];
                    }
                    System.arraycopy(pooled, 0, table, from * dimensions, pooled.length);
                }
                centre(table, dimensions);
                return new WordPieceVectors(name, table, vocabulary, tokenizer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the " + model + " encoder for its word-piece vectors", e);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot compute the " + model + " word-piece vectors: " + e.getMessage(), e);
        }
    }

    /**
     * Takes the vocabulary's mean vector from every piece's: what all pieces share would otherwise make every two
     * texts look alike (cosine about 0.8 between a crash and a request for a dark theme; 0.3 to 0.4 once centred),
     * and a text's direction would be mostly its function words' (Mu and Viswanath, "All-but-the-Top", 2018).
     */
    private static void centre(float[] table, int dimensions) {
        int vocabulary = table.length / dimensions;
        double[] mean = new double[dimensions];
        for (int i = 0; i < table.length; i++) {
            mean[i % dimensions] += table[i];
        }
        for (int i = 0; i < table.length; i++) {
            table[i] -= (float) (mean[i % dimensions] / vocabulary);
        }
    }

    /** The mean-pooled outputs of pieces {@code from} to {@code from + batch - 1}, each run as "[CLS] piece [SEP]", one after another. */
    private static float[] pooledBatch(OrtEnvironment env, OrtSession session, boolean takesTokenTypes, int from, int batch) throws OrtException {
        int length = 3;
        long[] ids = new long[batch * length];
        long[] mask = new long[batch * length];
        java.util.Arrays.fill(mask, 1);
        for (int i = 0; i < batch; i++) {
            ids[i * length] = CLS;
            ids[i * length + 1] = from + i;
            ids[i * length + 2] = SEP;
        }
        return BatchEncoder.hiddenStates(env, session, takesTokenTypes, ids, mask, batch, length, hidden -> {
            int dimensions = hidden.capacity() / (batch * length);
            float[] pooled = new float[batch * dimensions];
            for (int i = 0; i < batch; i++) {
                for (int t = 0; t < length; t++) {
                    int at = (i * length + t) * dimensions;
                    for (int d = 0; d < dimensions; d++) {
                        pooled[i * dimensions + d] += hidden.get(at + d) / length;
                    }
                }
            }
            return pooled;
        });
    }
}

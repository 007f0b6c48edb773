package org.ticketpipeline.classifier.text;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.TokenizersLibrary;
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
 * a pass through the encoder, and a long issue is read to its 512th piece rather than cut at 32 tokens. The
 * idea is Model2Vec's (Tulkens and van Dongen, 2024), which distils a sentence encoder this way; no Maven
 * artifact ships such vectors, and the table is a function of the encoder already shipped, so it is computed
 * here, once per JVM, in a few seconds, rather than kept as a 47 MB resource. Thread-safe.
 *
 * <p>The encoder is int8 with one activation scale per call, so a piece's vector depends on the pieces run
 * with it: the table is always computed in the same batches, so on one kind of CPU and one ONNX Runtime it
 * comes out the same at every start. Another CPU's int8 kernels, or another ONNX Runtime or encoder file,
 * can give a slightly different table: a kind model keeps the {@link #fingerprint} of the table it learnt
 * on, and refuses one too far from it.
 */
public final class WordPieceVectors {

    /** Which table a kind model file was trained on: a different table would meet weights learnt for another. */
    public static final String MINILM = "minilm-l6-v2-q word pieces, mean of [CLS] piece [SEP], centred";

    /** Pieces of a text read at most: a long issue's first 512, as BERT would read it. */
    static final int MAX_PIECES = 512;
    private static final int BATCH = 512;
    /** The text whose vector stands for the table in a kind model file: pieces of every kind, a word split in several. */
    private static final String FINGERPRINT_TEXT = "Feature request: how do I export the report? Since the update it crashes (error 0x80070005).";

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

    private static WordPieceVectors minilm;
    private static RuntimeException minilmFailed;

    /**
     * The table of the shipped MiniLM, computed at the first call (about 4 s on two cores) and kept; a failure
     * to compute it is kept too and thrown again, with its cause, at every call.
     */
    public static synchronized WordPieceVectors minilm() {
        if (minilm == null && minilmFailed == null) {
            try {
                minilm = compute(MINILM, SentenceEmbedder.Model.MINILM);
            } catch (RuntimeException e) {
                minilmFailed = e;
            }
        }
        if (minilmFailed != null) {
            throw new IllegalStateException("the word-piece vectors could not be computed: " + minilmFailed.getMessage(), minilmFailed);
        }
        return minilm;
    }

    /** The table named {@code name}, or null when this version has no such table. */
    public static WordPieceVectors named(String name) {
        return MINILM.equals(name) ? minilm() : null;
    }

    /** A fixed text's vector: two tables that give it nearly the same vector give the kind model's weights the same meaning. */
    public float[] fingerprint() {
        return vector(FINGERPRINT_TEXT);
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
        // (a text of long tokens, a log or a URL, can then give fewer than 512 pieces)
        String head = text.length() > MAX_PIECES * 12 ? text.substring(0, MAX_PIECES * 12) : text;
        long[] ids = pieceIds(head);
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
        return BatchEncoder.toUnitLength(v);
    }

    /**
     * The text's piece ids, through DJL's own binding of the Rust tokenizer rather than its {@code encode}, which
     * also builds each piece's string, offsets and masks: 25 against 40 microseconds for a helpdesk ticket, on the
     * stream thread of every ticket.
     */
    private long[] pieceIds(String text) {
        long encoding = TokenizersLibrary.LIB.encode(tokenizer.getHandle(), text, false);
        try {
            return TokenizersLibrary.LIB.getTokenIds(encoding);
        } finally {
            TokenizersLibrary.LIB.deleteEncoding(encoding);
        }
    }

    /** Runs every piece of the vocabulary through the encoder as "[CLS] piece [SEP]" and mean-pools, as a sentence is; the tokenizer kept for texts. */
    private static WordPieceVectors compute(String name, SentenceEmbedder.Model model) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (InputStream onnx = BatchEncoder.resource(model.onnx); InputStream tokenizerJson = BatchEncoder.resource(model.tokenizer)) {
            byte[] json = tokenizerJson.readAllBytes();
            // DJL's tokenizer does not say its vocabulary's size; the file does
            com.fasterxml.jackson.databind.JsonNode vocab = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).path("model").path("vocab");
            int vocabulary = vocab.size();
            long cls = vocab.path("[CLS]").asLong(-1);
            long sep = vocab.path("[SEP]").asLong(-1);
            if (vocabulary == 0 || cls < 0 || sep < 0) {
                throw new IllegalStateException(model.tokenizer + " lists no vocabulary, or no [CLS] or [SEP] in it");
            }
            HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(new java.io.ByteArrayInputStream(json),
                    Map.of("truncation", "false", "padding", "false", "maxLength", String.valueOf(1 << 20)));
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
                return table(name, env, onnx.readAllBytes(), options, vocabulary, cls, sep, tokenizer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the " + model + " encoder for its word-piece vectors", e);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot compute the " + model + " word-piece vectors: " + e.getMessage(), e);
        }
    }

    /** Runs every piece through the encoder, a batch of {@link #BATCH} consecutive ids at a time, and centres the table. */
    private static WordPieceVectors table(String name, OrtEnvironment env, byte[] onnx, OrtSession.SessionOptions options, int vocabulary, long cls,
                                          long sep, HuggingFaceTokenizer tokenizer) throws OrtException {
        try (OrtSession session = env.createSession(onnx, options)) {
            boolean takesTokenTypes = session.getInputNames().contains("token_type_ids");
            float[] table = null;
            int dimensions = 0;
            for (int from = 0; from < vocabulary; from += BATCH) {
                int batch = Math.min(BATCH, vocabulary - from);
                float[] pooled = pooledBatch(env, session, takesTokenTypes, cls, sep, from, batch);
                if (table == null) {
                    dimensions = pooled.length / batch;
                    table = new float[vocabulary * dimensions];
                }
                System.arraycopy(pooled, 0, table, from * dimensions, pooled.length);
            }
            centre(table, dimensions);
            return new WordPieceVectors(name, table, vocabulary, tokenizer);
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
    private static float[] pooledBatch(OrtEnvironment env, OrtSession session, boolean takesTokenTypes, long cls, long sep, int from, int batch)
            throws OrtException {
        int length = 3;
        long[] ids = new long[batch * length];
        long[] mask = new long[batch * length];
        java.util.Arrays.fill(mask, 1);
        for (int i = 0; i < batch; i++) {
            ids[i * length] = cls;
            ids[i * length + 1] = from + i;
            ids[i * length + 2] = sep;
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

package org.ticketpipeline.schemas;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.ticketpipeline.schemas.registry.SchemaRegistryClient;
import org.ticketpipeline.schemas.registry.SchemaRegistryException;

/** A registry fake for unit tests (shared as the schemas test-jar): ids in memory, and a count of the calls that would be HTTP. */
public class InMemoryRegistry extends SchemaRegistryClient {

    public final AtomicInteger remoteCalls = new AtomicInteger();
    private final Map<Integer, Schema> byId = new HashMap<>();
    private final Map<String, Integer> idBySchema = new HashMap<>();
    public final List<String> subjects = new ArrayList<>();

    public InMemoryRegistry() {
        super("http://registry.invalid");
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        remoteCalls.incrementAndGet();
        subjects.add(subject);
        return idBySchema.computeIfAbsent(schema.toString(), s -> {
            int id = byId.size() + 1;
            byId.put(id, schema);
            return id;
        });
    }

    @Override
    public synchronized void setCompatibility(String subject, String level) {
        remoteCalls.incrementAndGet();
    }

    @Override
    public synchronized void setCompatibilityUnlessSet(String subject, String level) {
        remoteCalls.incrementAndGet();
    }

    @Override
    public synchronized Schema getById(int id) {
        remoteCalls.incrementAndGet();
        Schema schema = byId.get(id);
        if (schema == null) {
            throw new SchemaRegistryException("id " + id, 404, "Schema " + id + " not found");
        }
        return schema;
    }
}

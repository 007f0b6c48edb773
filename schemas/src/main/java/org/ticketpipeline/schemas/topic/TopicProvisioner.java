package org.ticketpipeline.schemas.topic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics a service writes, if they are missing, with the configured partitions and
 * replication. Keyed topics need a fixed partition count from the start (one ticket's events stay in
 * order only while the count does not change), so we do not leave it to broker auto-creation.
 */
public final class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

    private TopicProvisioner() {
    }

    /** A topic to create: name, partitions, and topic configs (cleanup policy, retention...). */
    public record Spec(String name, int partitions, Map<String, String> configs) {
        public static Spec of(String name, int partitions) {
            return new Spec(name, partitions, Map.of());
        }

        /**
         * A topic whose records the broker stamps with the time it wrote them. Retention counts from a
         * record's timestamp: a backlog a producer dates at its events' times, weeks back, would be deleted
         * before a consumer behind by minutes read it. Consumers take the event time from the value.
         */
        public static Spec stampedOnArrival(String name, int partitions) {
            return new Spec(name, partitions, Map.of(
                    org.apache.kafka.common.config.TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime"));
        }

        /**
         * {@link #stampedOnArrival}, keeping the latest record of every key until {@code retention} after it was
         * written: each ticket's latest sorting. On the broker's default policy a corrected ticket's sorting was
         * deleted after a week, and with it the ticket's row in the corrections export, though the correction
         * itself is kept for good.
         */
        public static Spec stampedOnArrivalLatestPerKey(String name, int partitions, java.time.Duration retention) {
            return new Spec(name, partitions, Map.of(
                    org.apache.kafka.common.config.TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime",
                    org.apache.kafka.common.config.TopicConfig.CLEANUP_POLICY_CONFIG, "compact,delete",
                    org.apache.kafka.common.config.TopicConfig.RETENTION_MS_CONFIG, String.valueOf(retention.toMillis())));
        }

        /**
         * A topic that keeps the latest record of every key for good: releases, each with its brief and its
         * signed handoff. On the broker's default policy a release would be deleted after a week, and a
         * service starting from empty state would no longer know it.
         */
        public static Spec latestPerKey(String name, int partitions) {
            return new Spec(name, partitions, Map.of(org.apache.kafka.common.config.TopicConfig.CLEANUP_POLICY_CONFIG, "compact"));
        }

        /**
         * A dead-letter topic: one partition, its letters kept until an operator deletes them. A letter is
         * often the only copy left of an event never sorted (its source topic keeps a week), and the broker's
         * default week would delete it before anyone ran a redrive after a holiday, with nothing said.
         */
        public static Spec deadLetters(String name) {
            return new Spec(name, 1, Map.of(org.apache.kafka.common.config.TopicConfig.RETENTION_MS_CONFIG, "-1"));
        }

        /** A topic of records each read once, deleted {@code retention} after they were written, not the broker's default week. */
        public static Spec keptFor(String name, int partitions, java.time.Duration retention) {
            return new Spec(name, partitions, Map.of(org.apache.kafka.common.config.TopicConfig.RETENTION_MS_CONFIG,
                    String.valueOf(retention.toMillis())));
        }

        /** A topic where the latest record of a key wins and old keys age out: theme windows, subscriptions... */
        public static Spec compacted(String name, int partitions, java.time.Duration retention) {
            return new Spec(name, partitions, Map.of(
                    org.apache.kafka.common.config.TopicConfig.CLEANUP_POLICY_CONFIG, "compact,delete",
                    org.apache.kafka.common.config.TopicConfig.RETENTION_MS_CONFIG, String.valueOf(retention.toMillis())));
        }
    }

    public static void ensure(String bootstrapServers, short replicationFactor, List<Spec> specs) {
        ensure(bootstrapServers, replicationFactor, specs, java.time.Duration.ofSeconds(30));
    }

    /**
     * The spec's configs, and with three replicas or more a majority of them in sync for a write to count:
     * the producers' acks=all is met by the replicas in sync, and with the broker's default of one that can
     * be the leader alone, whose loss then loses acknowledged tickets. With two replicas a majority would be
     * both, and one broker down would stop every write, so the broker's default stays.
     */
    static Map<String, String> configsOf(Spec spec, short replicationFactor) {
        Map<String, String> configs = new java.util.HashMap<>(spec.configs());
        if (replicationFactor >= 3) {
            configs.putIfAbsent(org.apache.kafka.common.config.TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(replicationFactor / 2 + 1));
        }
        return configs;
    }

    /**
     * Says, once per start, where a topic that exists already has other settings than this version would
     * create it with: topics are created, never altered (altering is the operator's call, and a topic
     * created by an older version, or by hand, keeps its settings). A broker that will not describe its
     * topics is no reason not to start.
     */
    private static void warnOfOlderConfigs(Admin admin, List<Spec> existing, short replicationFactor, long millis) {
        if (existing.isEmpty()) {
            return;
        }
        try {
            List<org.apache.kafka.common.config.ConfigResource> resources = existing.stream()
                    .map(spec -> new org.apache.kafka.common.config.ConfigResource(org.apache.kafka.common.config.ConfigResource.Type.TOPIC, spec.name()))
                    .toList();
            Map<org.apache.kafka.common.config.ConfigResource, org.apache.kafka.clients.admin.Config> configs =
                    admin.describeConfigs(resources).all().get(millis, TimeUnit.MILLISECONDS);
            for (Spec spec : existing) {
                org.apache.kafka.clients.admin.Config config = configs.get(resources.get(existing.indexOf(spec)));
                Map<String, String> actual = new java.util.HashMap<>();
                if (config != null) {
                    config.entries().forEach(e -> actual.put(e.name(), e.value()));
                }
                for (String difference : differences(spec, replicationFactor, actual)) {
                    LOG.warn("topic {} {}: created by an older version or by hand; set it with kafka-configs --alter if you want this "
                            + "version's behaviour", spec.name(), difference);
                }
            }
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.debug("could not compare the settings of existing topics: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The settings this version would create the topic with that it does not have, each as "has k=v, not k=w". */
    static List<String> differences(Spec spec, short replicationFactor, Map<String, String> actual) {
        List<String> out = new ArrayList<>();
        new java.util.TreeMap<>(configsOf(spec, replicationFactor)).forEach((key, wanted) -> {
            String has = actual.get(key);
            if (!wanted.equals(has) && !sameCleanupPolicy(key, wanted, has)) {
                out.add("has " + key + "=" + has + ", not " + key + "=" + wanted);
            }
        });
        return out;
    }

    /** "delete,compact" is "compact,delete": the broker takes the policies in any order. */
    private static boolean sameCleanupPolicy(String key, String wanted, String has) {
        if (!"cleanup.policy".equals(key) || has == null) {
            return false;
        }
        java.util.function.Function<String, Set<String>> policies = v -> new java.util.TreeSet<>(
                java.util.Arrays.stream(v.split(",")).map(String::strip).toList());
        return policies.apply(wanted).equals(policies.apply(has));
    }

    /** As {@link #ensure(String, short, List)}, giving up after {@code timeout}. */
    public static void ensure(String bootstrapServers, short replicationFactor, List<Spec> specs, java.time.Duration timeout) {
        long millis = timeout.toMillis();
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) millis);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(millis, 30_000));
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(millis, TimeUnit.MILLISECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (Spec spec : specs) {
                if (!existing.contains(spec.name())) {
                    missing.add(new NewTopic(spec.name(), spec.partitions(), replicationFactor).configs(configsOf(spec, replicationFactor)));
                }
            }
            warnOfOlderConfigs(admin, specs.stream().filter(spec -> existing.contains(spec.name())).toList(), replicationFactor, millis);
            if (missing.isEmpty()) {
                return;
            }
            // each topic's own answer: another service creating topic A at the same moment must not hide
            // that B was refused (a policy, a bad setting), which all() would report as A's "exists" alone
            List<String> created = new ArrayList<>();
            for (Map.Entry<String, org.apache.kafka.common.KafkaFuture<Void>> result : admin.createTopics(missing).values().entrySet()) {
                try {
                    result.getValue().get(millis, TimeUnit.MILLISECONDS);
                    created.add(result.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e; // another service created this one first: that is fine
                    }
                }
            }
            if (!created.isEmpty()) {
                LOG.info("created topics {}", created);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create topics on Kafka at " + bootstrapServers + ": " + e.getMessage(), e);
        }
    }
}

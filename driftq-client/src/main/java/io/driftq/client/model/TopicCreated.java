package io.driftq.client.model;

/**
 * The server's answer to a topic creation. The server echoes the requested partition count even when the topic
 * already existed with another one.
 *
 * @param name the topic name
 * @param partitions the partition count echoed by the server
 */
public record TopicCreated(String name, int partitions) {
}

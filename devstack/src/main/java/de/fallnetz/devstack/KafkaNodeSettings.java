package de.fallnetz.devstack;

import java.nio.file.Path;

/**
 * One Kafka node of the stack.
 *
 * @param quorumVoters the controller quorum, {@code id@host:port,…}
 * @param clusterId the cluster's ID, the same on every node; {@code null} for a single node that picks its own
 * @param replicas replicas of each topic: the number of nodes, at most 3
 * @param host the address the node listens on and advertises: 127.0.0.1, or its own in a network namespace
 */
record KafkaNodeSettings(int nodeId, Path dataDir, int brokerPort, int controllerPort, String quorumVoters,
        String clusterId, int replicas, String host) {

    /** With three replicas a write needs two: one node may be lost without losing or refusing writes. */
    int minInsyncReplicas() {
        return Math.min(2, replicas);
    }

    String[] toArgs() {
        return new String[] { String.valueOf(nodeId), dataDir.toString(), String.valueOf(brokerPort),
                String.valueOf(controllerPort), quorumVoters, clusterId, String.valueOf(replicas), host };
    }

    static KafkaNodeSettings fromArgs(String[] args) {
        return new KafkaNodeSettings(Integer.parseInt(args[0]), Path.of(args[1]), Integer.parseInt(args[2]),
                Integer.parseInt(args[3]), args[4], args[5], Integer.parseInt(args[6]), args[7]);
    }
}

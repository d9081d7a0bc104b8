/**
 * What the Mongo projections share. Each projection is a batch listener: it skips types it does not fold by their
 * header, folds one poll per row id in memory (the last fact of a subject wins) and writes the poll in one bulk
 * write whose filters name {@code _id} only, so every write is an index lookup on real MongoDB and on the embedded
 * store alike. Replaying a poll after a crash rewrites the same final values: a subject's records are in one
 * partition in order, so a redelivery always ends with the newest fact, and the rows need no Kafka offset (which
 * would freeze them when partitions change).
 */
package io.ccagent.queue.projection;

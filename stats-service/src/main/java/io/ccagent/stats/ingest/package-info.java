/**
 * Live consumption: decoding and checking each record once ({@code RecordReader}), projecting it into the current
 * generation ({@code Projector} and one projection per topic), and dead-lettering what can never be projected.
 */
package io.ccagent.stats.ingest;

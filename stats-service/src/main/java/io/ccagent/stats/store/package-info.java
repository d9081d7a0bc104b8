/**
 * The projections' storage: generations of collections, the current-generation pointer, document ids, and the field
 * names of every row declared once ({@code Rows}).
 */
package io.ccagent.stats.store;

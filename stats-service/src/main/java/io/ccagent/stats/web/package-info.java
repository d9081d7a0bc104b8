/**
 * The query API of docs/service-apis.md (stats-service section) and who may call what.
 */
package io.ccagent.stats.web;

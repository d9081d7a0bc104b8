/**
 * The HTTP API of docs/service-apis.md (agent-service section) and who may call what.
 */
package io.ccagent.agent.web;

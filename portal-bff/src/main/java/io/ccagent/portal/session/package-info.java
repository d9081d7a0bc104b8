/** Portal sessions: stored in MongoDB (any instance serves any request) and ended for all of a user's devices. */
package io.ccagent.portal.session;
